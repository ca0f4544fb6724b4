import type { LucideIcon } from "lucide-react";
import { type ButtonHTMLAttributes, useId } from "react";

type Variant = "primary" | "default" | "command";

const VARIANTS: Record<Variant, string> = {
  primary:
    "h-8 px-4 rounded-sm bg-accent text-on-accent border border-accent hover:bg-accent-hover disabled:bg-subtle disabled:border-subtle disabled:text-fg-muted font-semibold",
  default:
    "h-8 px-4 rounded-sm bg-surface text-fg border border-border-strong hover:bg-hover disabled:text-fg-muted disabled:border-border font-semibold",
  command: "h-8 px-2 rounded-sm text-fg hover:bg-hover disabled:text-fg-muted disabled:hover:bg-transparent",
};

export function Button({
  variant = "default",
  icon: Icon,
  className = "",
  children,
  type = "button",
  unavailable,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  icon?: LucideIcon;
  /**
   * Why the signed-in user may not do this: the button stays focusable but aria-disabled, and
   * says why to a screen reader (aria-describedby) and on hover (title).
   */
  unavailable?: string | undefined;
}) {
  const reasonId = useId();
  const blocked = unavailable !== undefined;
  return (
    <button
      type={type}
      className={`inline-flex items-center gap-2 whitespace-nowrap text-base disabled:cursor-not-allowed aria-disabled:cursor-not-allowed aria-disabled:text-fg-muted ${VARIANTS[variant]} ${className}`}
      {...props}
      {...(blocked
        ? {
            "aria-disabled": true,
            "aria-describedby": reasonId,
            title: unavailable,
            onClick: (e) => e.preventDefault(),
          }
        : { onClick })}
    >
      {Icon ? (
        <Icon
          aria-hidden
          size={16}
          strokeWidth={1.75}
          className={variant === "command" && !props.disabled ? "text-accent" : ""}
        />
      ) : null}
      {children}
      {blocked ? (
        <span id={reasonId} className="sr-only">
          {unavailable}
        </span>
      ) : null}
    </button>
  );
}

/** The row of commands above a grid or a page, as in every Admin Center tool. */
export function CommandBar({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="toolbar"
      aria-label={label}
      className="flex flex-wrap items-center gap-1 border-b border-border py-1"
    >
      {children}
    </div>
  );
}
