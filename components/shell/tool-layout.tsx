"use client";
import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface Tool {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Also active on deeper paths (VM details under Virtual machines). */
  prefix?: boolean;
  /** Also active under this path (a move's page opened from Virtual machines). */
  also?: string;
}

/**
 * A connection's page: the title block and the left tool list, then the tool. Narrower than
 * 1280 px the tool list folds to its icons (each keeps its name for screen readers and on hover).
 */
export function ToolLayout({
  title,
  subtitle,
  tools,
  children,
}: {
  title: React.ReactNode;
  subtitle: string;
  tools: Tool[];
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  return (
    <div className="flex h-full">
      <nav
        aria-label="Tools"
        className="flex w-12 shrink-0 flex-col border-r border-border bg-subtle xl:w-56"
      >
        <div className="hidden px-4 pt-4 pb-3 xl:block">
          <div className="truncate text-lg font-semibold">{title}</div>
          <div className="text-sm text-fg-muted">{subtitle}</div>
        </div>
        <div className="hidden px-4 pb-1 text-sm font-semibold text-fg-muted xl:block">Tools</div>
        <ul>
          {tools.map((t) => {
            const active =
              (t.prefix ? pathname === t.href || pathname.startsWith(`${t.href}/`) : pathname === t.href) ||
              (t.also !== undefined && pathname.startsWith(`${t.also}/`));
            const Icon = t.icon;
            return (
              <li key={t.href}>
                <Link
                  href={t.href}
                  aria-current={active ? "page" : undefined}
                  title={t.label}
                  className={`flex h-9 items-center justify-center gap-3 border-l-2 xl:justify-start xl:px-4 ${active ? "border-accent bg-selected font-semibold" : "border-transparent hover:bg-hover"}`}
                >
                  <Icon aria-hidden size={16} className="shrink-0 text-accent" />
                  <span className="sr-only xl:not-sr-only">{t.label}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main className="min-w-0 flex-1 overflow-y-auto bg-page">{children}</main>
    </div>
  );
}

export function ToolHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="px-6 pt-5 pb-2">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </div>
  );
}
