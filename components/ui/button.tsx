import type { LucideIcon } from "lucide-react";
import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "default" | "command";

const VARIANTS: Record<Variant, string> = {
  primary:
    "h-8 px-4 rounded-sm bg-accent text-white border border-accent hover:bg-accent-hover disabled:bg-subtle disabled:border-subtle disabled:text-fg-muted font-semibold",
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
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; icon?: LucideIcon }) {
  return (
    <button
      type={type}
      className={`inline-flex items-center gap-2 whitespace-nowrap text-base disabled:cursor-not-allowed ${VARIANTS[variant]} ${className}`}
      {...props}
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
