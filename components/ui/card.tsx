export function Card({
  title,
  children,
  className = "",
  level = 2,
  id,
}: {
  title?: string;
  children: React.ReactNode;
  className?: string;
  /** The title's heading level: 2 under a page's h1, 3 inside a section that has its own h2. */
  level?: 2 | 3;
  /** An anchor for links to the card (a chart's note points to its table). */
  id?: string;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section
      id={id}
      aria-label={title}
      className={`rounded-sm border border-border bg-surface p-4 shadow-[0_1.6px_3.6px_rgba(0,0,0,0.08)] ${className}`}
    >
      {title ? <Heading className="mb-3 text-lg font-semibold">{title}</Heading> : null}
      {children}
    </section>
  );
}

/** A label and value pair in the property lists of Overview pages. */
export function Property({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="truncate">{children}</dd>
    </div>
  );
}

export function Meter({
  label,
  used,
  total,
  display,
}: {
  label: string;
  used: number;
  total: number;
  display: string;
}) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  const colour = pct > 90 ? "bg-danger" : pct > 75 ? "bg-warning" : "bg-accent";
  return (
    <div>
      <div className="flex justify-between text-sm">
        <span>{label}</span>
        <span className="text-fg-muted">{display}</span>
      </div>
      <meter className="sr-only" aria-label={label} min={0} max={100} value={Math.round(pct)} />
      <div aria-hidden className="mt-1 h-2 w-full rounded-sm bg-subtle">
        <div className={`h-2 rounded-sm ${colour}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
