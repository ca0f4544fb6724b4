"use client";
import Link from "next/link";
import { isActive } from "@/lib/client/use-migrations";
import { useNow } from "@/lib/client/use-now";
import { formatWhen } from "@/lib/present/format";
import type { MigrationDto } from "@/lib/schemas/migration";
import { ProgressBar } from "./migration-status";
import { informationText, moveTitle } from "./status-text";

const SHOWN = 6;

/** Running and queued moves first, then the latest finished ones, up to SHOWN in all. */
export function notificationRows(rows: readonly MigrationDto[]): MigrationDto[] {
  const active = rows.filter((m) => isActive(m.status));
  const finished = rows.filter((m) => !isActive(m.status));
  return [...active, ...finished].slice(0, Math.max(SHOWN, active.length));
}

/** The bell's moves: each links to its migration page, with Failover Cluster Manager's wording. */
export function MigrationNotificationList({
  rows,
  onNavigate,
}: {
  rows: readonly MigrationDto[];
  onNavigate: () => void;
}) {
  const now = useNow();
  const shown = notificationRows(rows);
  if (shown.length === 0) return null;
  return (
    <ul aria-label="Migrations">
      {shown.map((m) => (
        <li key={m.id} className="border-b border-border">
          <Link href={`/migrations/${m.id}`} onClick={onNavigate} className="block px-4 py-2 hover:bg-hover">
            <div className="flex items-baseline justify-between gap-2">
              <span className="truncate font-semibold">{moveTitle(m)}</span>
              <span className="shrink-0 text-sm text-fg-muted">
                {formatWhen(m.finishedAt ?? m.startedAt ?? m.createdAt, now)}
              </span>
            </div>
            <div className={`mt-0.5 line-clamp-2 text-sm ${m.status === "failed" ? "text-danger" : ""}`}>
              {informationText(m)}
            </div>
            <ProgressBar
              percent={m.percent}
              status={m.status}
              label={`${m.vmName} progress`}
              className="mt-1.5 h-1"
            />
          </Link>
        </li>
      ))}
    </ul>
  );
}
