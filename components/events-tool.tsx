"use client";
import { FilterX, RefreshCw } from "lucide-react";
import { useId, useState } from "react";
import { LOGGED, type Logged, loggedFrom, logOptions, parseEventId } from "@/components/events-filter";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { type Column, DataGrid } from "@/components/ui/data-grid";
import { ErrorState, Loading } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { useNow } from "@/lib/client/use-now";
import { useEventLog } from "@/lib/client/use-vms";
import type { EventLogItem } from "@/lib/inventory/event-log";
import { formatDateTime } from "@/lib/present/format";

const LEVELS = ["Error", "Warning", "Information"] as const;

export function EventsTool({ hostId }: { hostId: number }) {
  const [level, setLevel] = useState<(typeof LEVELS)[number] | "">("");
  const [channel, setChannel] = useState("");
  const [eventIdText, setEventIdText] = useState("");
  const [logged, setLogged] = useState<Logged>("any");
  const now = useNow(30_000);
  const eventId = parseEventId(eventIdText);
  const from = loggedFrom(logged, now);
  const { data, error, isPending, refetch } = useEventLog({
    hostId,
    level: level || undefined,
    channel: channel || undefined,
    eventId: eventId.ok ? eventId.value : undefined,
    from,
    limit: 500,
  });
  const filtered = Boolean(level || channel || eventIdText.trim() || logged !== "any");
  const idField = useId();
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
          <Button
            variant="command"
            icon={FilterX}
            disabled={!filtered}
            onClick={() => {
              setLevel("");
              setChannel("");
              setEventIdText("");
              setLogged("any");
            }}
          >
            Clear filter
          </Button>
        </CommandBar>
        <fieldset className="flex flex-wrap items-start gap-4 py-2">
          <legend className="sr-only">Filter</legend>
          <span className="flex items-center gap-2">
            <label htmlFor={`${idField}-log`}>Log</label>
            <select
              id={`${idField}-log`}
              value={channel}
              onChange={(e) => setChannel(e.target.value)}
              className="h-8 rounded-sm border border-border-strong bg-surface px-2"
            >
              <option value="">All logs</option>
              {logOptions(data?.channels ?? []).map((l) => (
                <option key={l.channel} value={l.channel}>
                  {l.label}
                </option>
              ))}
            </select>
          </span>
          <div className="flex flex-col">
            <label className="flex items-center gap-2" htmlFor={idField}>
              <span>Event ID</span>
              <input
                id={idField}
                inputMode="numeric"
                value={eventIdText}
                onChange={(e) => setEventIdText(e.target.value)}
                aria-invalid={!eventId.ok}
                aria-describedby={eventId.ok ? undefined : `${idField}-error`}
                placeholder="All"
                className="h-8 w-24 rounded-sm border border-border-strong bg-surface px-2 aria-invalid:border-danger"
              />
            </label>
            {eventId.ok ? null : (
              <span id={`${idField}-error`} className="text-sm text-danger">
                {eventId.error}
              </span>
            )}
          </div>
          <span className="flex items-center gap-2">
            <label htmlFor={`${idField}-level`}>Level</label>
            <select
              id={`${idField}-level`}
              value={level}
              onChange={(e) => setLevel(e.target.value as typeof level)}
              className="h-8 rounded-sm border border-border-strong bg-surface px-2"
            >
              <option value="">All</option>
              {LEVELS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </span>
          <span className="flex items-center gap-2">
            <label htmlFor={`${idField}-logged`}>Logged</label>
            <select
              id={`${idField}-logged`}
              value={logged}
              onChange={(e) => setLogged(LOGGED.find((l) => l.key === e.target.value)?.key ?? "any")}
              className="h-8 rounded-sm border border-border-strong bg-surface px-2"
            >
              {LOGGED.map((l) => (
                <option key={l.key} value={l.key}>
                  {l.label}
                </option>
              ))}
            </select>
          </span>
        </fieldset>
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
            empty={filtered ? "No event matches the filter." : "No events."}
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
