"use client";
import { RefreshCw } from "lucide-react";
import { useState } from "react";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { type Column, DataGrid } from "@/components/ui/data-grid";
import { ErrorState, Loading } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { useEventLog } from "@/lib/client/use-vms";
import type { EventLogItem } from "@/lib/inventory/event-log";
import { formatDateTime } from "@/lib/present/format";

const LEVELS = ["Error", "Warning", "Information"] as const;

export function EventsTool({ hostId }: { hostId: number }) {
  const [level, setLevel] = useState<(typeof LEVELS)[number] | "">("");
  const { data, error, isPending, refetch } = useEventLog({ hostId, level: level || undefined, limit: 500 });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const current = data?.items.find((e) => selected.has(e.id));
  const columns: Column<EventLogItem>[] = [
    {
      key: "level",
      header: "Level",
      width: "12%",
      sortValue: (e) => e.level,
      render: (e) => <Status value={e.level} />,
    },
    {
      key: "time",
      header: "Date and time",
      width: "18%",
      sortValue: (e) => e.time,
      render: (e) => formatDateTime(e.time),
    },
    { key: "source", header: "Log", width: "28%", sortValue: (e) => e.channel, render: (e) => e.channel },
    {
      key: "eventId",
      header: "Event ID",
      width: "9%",
      align: "right",
      sortValue: (e) => e.eventId,
      render: (e) => e.eventId,
    },
    { key: "message", header: "Message", render: (e) => e.message },
  ];
  return (
    <div className="pb-8">
      <ToolHeader title="Events" />
      <div className="px-6">
        <CommandBar label="Events">
          <Button variant="command" icon={RefreshCw} onClick={() => void refetch()}>
            Refresh
          </Button>
          <label className="ml-auto flex items-center gap-2">
            <span>Level</span>
            <select
              value={level}
              onChange={(e) => setLevel(e.target.value as typeof level)}
              className="h-8 rounded-sm border border-border-strong bg-surface px-2"
            >
              <option value="">All</option>
              {LEVELS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
        </CommandBar>
        {error ? <ErrorState error={error} retry={() => void refetch()} /> : null}
        {isPending ? (
          <Loading label="Loading events" />
        ) : (
          <DataGrid
            label="Events"
            columns={columns}
            rows={data?.items ?? []}
            rowId={(e) => e.id}
            rowName={(e) => `event ${e.eventId} at ${e.time}`}
            selected={selected}
            onSelectedChange={setSelected}
            initialSort={{ key: "time", dir: "desc" }}
            height={420}
            empty="No events."
          />
        )}
        {current ? (
          <section aria-label="Event details" className="mt-4 border border-border bg-surface p-4">
            <h2 className="font-semibold">
              Event {current.eventId}, {current.channel}
            </h2>
            <p className="mt-2 whitespace-pre-wrap">{current.message}</p>
            <p className="mt-2 text-sm text-fg-muted">
              {current.hostName}
              {current.vmName ? ` · ${current.vmName}` : ""} · {formatDateTime(current.time)}
            </p>
          </section>
        ) : null}
      </div>
    </div>
  );
}
