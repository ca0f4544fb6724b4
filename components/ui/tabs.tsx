"use client";
import Link from "next/link";

/** Pivot tabs; each tab is a link so a tab has its own address. */
export function LinkTabs({
  tabs,
  active,
  label,
}: {
  tabs: { key: string; label: string; href: string }[];
  active: string;
  label: string;
}) {
  return (
    <nav aria-label={label} className="flex gap-4 border-b border-border">
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={t.key === active ? "page" : undefined}
          className={`-mb-px border-b-2 px-1 py-2 ${t.key === active ? "border-accent font-semibold" : "border-transparent text-fg-muted hover:text-fg"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** In-page tabs (ARIA tablist) for panes such as VM settings. */
export function Tabs<K extends string>({
  tabs,
  active,
  onChange,
  label,
}: {
  tabs: { key: K; label: string }[];
  active: K;
  onChange: (key: K) => void;
  label: string;
}) {
  return (
    <div role="tablist" aria-label={label} className="flex gap-4 border-b border-border">
      {tabs.map((t) => (
        <button
          key={t.key}
          type="button"
          role="tab"
          aria-selected={t.key === active}
          onClick={() => onChange(t.key)}
          className={`-mb-px border-b-2 px-1 py-2 ${t.key === active ? "border-accent font-semibold" : "border-transparent text-fg-muted hover:text-fg"}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
