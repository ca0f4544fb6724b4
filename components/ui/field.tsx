import { useId } from "react";

const INPUT =
  "h-8 w-full rounded-sm border border-border-strong bg-surface px-2 text-base text-fg hover:border-fg focus:border-accent focus:outline-none aria-invalid:border-danger disabled:cursor-not-allowed disabled:border-border disabled:bg-subtle disabled:text-fg-muted";

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (props: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
    className: string;
  }) => React.ReactNode;
}

/** A labelled control with its validation message, tied together for screen readers and tests. */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
        {required ? <span className="text-danger"> *</span> : null}
      </label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy, className: INPUT })}
      {error ? (
        <span id={`${id}-error`} className="text-sm text-danger">
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="text-sm text-fg-muted">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
