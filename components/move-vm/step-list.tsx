"use client";
import { Check } from "lucide-react";

/** The wizard's numbered steps; every step can be revisited, the current one has aria-current. */
export function StepList({
  steps,
  current,
  onChange,
}: {
  steps: readonly string[];
  current: number;
  onChange: (step: number) => void;
}) {
  return (
    <nav aria-label="Move steps" className="mb-4 border-b border-border pb-3">
      <ol className="flex items-center gap-1">
        {steps.map((label, i) => {
          const done = i < current;
          const active = i === current;
          return (
            <li key={label} className={`flex items-center gap-1 ${i < steps.length - 1 ? "flex-1" : ""}`}>
              <button
                type="button"
                aria-current={active ? "step" : undefined}
                onClick={() => onChange(i)}
                className={`flex shrink-0 items-center gap-1.5 rounded-sm py-1 pr-1 text-left whitespace-nowrap hover:bg-hover ${active ? "font-semibold text-fg" : "text-fg-muted"}`}
              >
                <span
                  aria-hidden
                  className={`flex h-5 w-5 shrink-0 items-center justify-center rounded-full border text-sm ${
                    active
                      ? "border-accent bg-accent text-on-accent"
                      : done
                        ? "border-accent text-accent"
                        : "border-border-strong"
                  }`}
                >
                  {done ? <Check size={12} strokeWidth={2.5} /> : i + 1}
                </span>
                <span>{label}</span>
              </button>
              {i < steps.length - 1 ? (
                <span aria-hidden className="mx-1 h-px min-w-3 flex-1 bg-border-strong/40" />
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
