"use client";
import { ArrowLeft, ArrowRightLeft, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button, CommandBar } from "@/components/ui/button";
import { type Column, DataGrid } from "@/components/ui/data-grid";
import { ErrorState, Loading } from "@/components/ui/states";
import { useMigrations } from "@/lib/client/use-migrations";
import { KIND_LABELS } from "@/lib/hyperv/vocabulary";
import { formatDateTime, formatSeconds } from "@/lib/present/format";
import type { MigrationDto } from "@/lib/schemas/migration";
import { MIGRATION_STATUSES, type MigrationStatus } from "@/lib/schemas/values";
import { MigrationStatusBadge, ProgressBar } from "./migration-status";
import { informationText, STATUS_LABELS, wholePercent } from "./status-text";

const columns: Column<MigrationDto>[] = [
  {
    key: "vm",
    header: "VM",
    width: "12%",
    sortValue: (m) => m.vmName,
    render: (m) => (
      <Link href={`/migrations/${m.id}`} className="text-accent hover:underline">
        {m.vmName}
      </Link>
    ),
  },
  {
    key: "kind",
    header: "Kind",
    width: "19%",
    sortValue: (m) => KIND_LABELS[m.kind],
    render: (m) => KIND_LABELS[m.kind],
    // The whole name on hover when a narrow window cuts it short.
    title: (m) => KIND_LABELS[m.kind],
  },
  {
    key: "source",
    header: "Source",
    width: "7%",
    sortValue: (m) => m.sourceHost.name,
    render: (m) => m.sourceHost.name,
  },
  {
    key: "destination",
    header: "Destination",
    width: "9%",
    sortValue: (m) => m.destinationHost.name,
    render: (m) => m.destinationHost.name,
  },
  {
    key: "status",
    header: "Status",
    width: "10%",
    sortValue: (m) => STATUS_LABELS[m.status],
    render: (m) => (
      <span title={informationText(m)}>
        <MigrationStatusBadge status={m.status} />
      </span>
    ),
  },
  {
    key: "progress",
    header: "Progress",
    width: "11%",
    sortValue: (m) => m.percent,
    render: (m) => (
      <span className="flex items-center gap-2">
        <ProgressBar
          percent={m.percent}
          status={m.status}
          label={`${m.vmName} progress`}
          className="h-1.5 w-20"
        />
        <span className="tabular-nums">{wholePercent(m.percent)}%</span>
      </span>
    ),
  },
  {
    key: "started",
    header: "Started",
    width: "16%",
    sortValue: (m) => m.createdAt,
    render: (m) => formatDateTime(m.startedAt ?? m.createdAt),
  },
  {
    key: "duration",
    header: "Duration",
    width: "8%",
    align: "right",
    sortValue: (m) => m.summary?.totalMs ?? null,
    render: (m) => (m.summary ? formatSeconds(m.summary.totalMs) : ""),
  },
  {
    key: "blackout",
    header: "Blackout",
    align: "right",
    sortValue: (m) => (m.status === "succeeded" ? (m.summary?.downtimeMs ?? null) : null),
    render: (m) => (m.status === "succeeded" && m.summary ? formatSeconds(m.summary.downtimeMs) : ""),
  },
];

/** Every move, newest first: what ran, where, how long and how long the VM was paused. */
export function MigrationHistory() {
  const [status, setStatus] = useState<MigrationStatus | "">("");
  const query = useMigrations(status ? { status } : {});
  const rows = query.items ?? [];
  return (
    <main className="h-full overflow-y-auto bg-page px-8 py-6">
      <Link href="/" className="inline-flex items-center gap-1 text-accent hover:underline">
        <ArrowLeft aria-hidden size={14} /> All connections
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Migrations</h1>
      <CommandBar label="Migrations">
        <Button variant="command" icon={RefreshCw} onClick={() => void query.refetch()}>
          Refresh
        </Button>
        <div className="ml-auto flex items-center gap-2">
          <label className="flex items-center gap-2">
            <span>Status</span>
            <select
              value={status}
              onChange={(e) => setStatus(e.target.value as MigrationStatus | "")}
              className="h-8 rounded-sm border border-border-strong bg-surface px-2"
            >
              <option value="">All</option>
              {MIGRATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </CommandBar>
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.isPending ? (
        <Loading label="Loading migrations" />
      ) : query.error ? null : (
        <DataGrid
          label="Migrations"
          columns={columns}
          rows={rows}
          rowId={(m) => m.id}
          rowName={(m) => m.vmName}
          initialSort={{ key: "started", dir: "desc" }}
          empty={
            status
              ? `No ${STATUS_LABELS[status].toLowerCase()} migration.`
              : "No migrations yet. Open a VM's inventory and choose Manage > Move."
          }
        />
      )}
      <p className="mt-3 flex items-center gap-2 text-sm text-fg-muted">
        <ArrowRightLeft aria-hidden size={14} /> {rows.length} of {query.total} migrations
      </p>
    </main>
  );
}
