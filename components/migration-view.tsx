"use client";
import { ArrowLeft, ArrowRight } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { ChartPassDirtyPages, ChartStorageCopy, ChartThroughput } from "@/components/charts/lazy";
import { FaultList } from "@/components/migration/fault-list";
import { LinkShare } from "@/components/migration/link-share";
import { MigrationCommands } from "@/components/migration/migration-commands";
import { MigrationEventLog } from "@/components/migration/migration-event-log";
import { MigrationStatusBadge, ProgressBar } from "@/components/migration/migration-status";
import { PassTable } from "@/components/migration/pass-table";
import { StageStepper } from "@/components/migration/stage-stepper";
import { informationText, moveTitle, queueWords } from "@/components/migration/status-text";
import { StreamIndicator } from "@/components/migration/stream-indicator";
import { SummaryCards } from "@/components/migration/summary-cards";
import {
  figures,
  inFlightBytes,
  interruptedPass,
  paceWords,
  passCap,
  passChartRows,
  passTableEmptyText,
  progressHeadline,
  progressLine,
  type StorageCopyRow,
  shareRows,
  simulatedClock,
  stageSteps,
  storageCopyRows,
  type ThroughputRow,
  throughputRows,
} from "@/components/migration/view-model";
import { Card } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { ApiError } from "@/lib/client/api";
import { isActive, type StreamState, useMigration, useMigrationEvents } from "@/lib/client/use-migrations";
import { KIND_LABELS, startedFromPhrase } from "@/lib/hyperv/vocabulary";
import { formatBytes, formatDateTime, formatRate, formatSeconds } from "@/lib/present/format";
import type { MigrationDetail } from "@/lib/schemas/migration";

/**
 * One move, live or finished: the stored detail first (GET), then, while it is active, the event
 * stream folded into the same cache entry. A finished move renders from the store alone.
 */
export function MigrationView({ id, connection }: { id: number; connection?: string }) {
  const { data, error, isPending, refetch } = useMigration(id);
  const stream = useMigrationEvents(id, data ? isActive(data.status) : false);
  if (error instanceof ApiError && error.status === 404) notFound();
  if (isPending) return <Loading label="Loading migration" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  return (
    <MigrationBody detail={data} stream={stream} connection={connection} onRefresh={() => void refetch()} />
  );
}

function Outcome({ detail }: { detail: MigrationDetail }) {
  const { vmName, sourceHost, destinationHost } = detail;
  if (detail.status === "succeeded" && detail.kind === "storage") {
    return (
      <MessageBar kind="success">
        The storage of {vmName} was moved: its disks were copied while it ran, and it now uses the new files
        on {destinationHost.name}. It was never paused.
      </MessageBar>
    );
  }
  if (detail.status === "succeeded") {
    const blackout = detail.summary ? ` with a blackout of ${formatSeconds(detail.summary.downtimeMs)}` : "";
    return (
      <MessageBar kind="success">
        {vmName} now runs on {destinationHost.name}: the move completed{blackout}.
      </MessageBar>
    );
  }
  if (detail.status === "failed") {
    return (
      <MessageBar kind="error">
        <div className="font-semibold">
          The move failed. {vmName} keeps running on {sourceHost.name}.
        </div>
        {/* Hyper-V's text, which ends with Hyper-V's own code; the lab's failure code is not added. */}
        {detail.failure ? <div>{detail.failure.message}</div> : null}
      </MessageBar>
    );
  }
  if (detail.status === "cancelled") {
    return (
      <MessageBar kind="warning">
        The move was cancelled and rolled back: {vmName} keeps running on {sourceHost.name}.
      </MessageBar>
    );
  }
  return null;
}

/**
 * A scrolling box around a long table: a keyboard user reaches it with Tab and scrolls it with the
 * arrow keys (axe: scrollable-region-focusable).
 */
function ScrollBox({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to scroll by keyboard
      tabIndex={0}
      aria-label={label}
      className="mt-2 max-h-64 overflow-y-auto focus-visible:outline-2"
    >
      {children}
    </section>
  );
}

/**
 * A chart's samples as a table, folded away under the chart (its text alternative): the simulated
 * time first, then the chart's own columns. `noteId` names the summary the chart's figure points to.
 */
function SamplesTable<T extends { seconds: number }>({
  rows,
  noteId,
  label,
  scrollLabel,
  columns,
}: {
  rows: T[];
  noteId: string;
  label: string;
  scrollLabel: string;
  columns: { header: string; render: (row: T) => React.ReactNode }[];
}) {
  return (
    <details className="mt-1 text-sm">
      <summary id={noteId} className="cursor-pointer text-accent">
        Show the {rows.length} samples as a table
      </summary>
      <ScrollBox label={scrollLabel}>
        <SimpleTable
          label={label}
          rows={rows.map((row, index) => ({ row, index }))}
          rowKey={(r) => r.index}
          columns={[
            { header: "Simulated time", render: (r: { row: T }) => formatSeconds(r.row.seconds * 1000) },
            ...columns.map((c) => ({ header: c.header, render: (r: { row: T }) => c.render(r.row) })),
          ].map((c) => ({ ...c, className: "tabular-nums" }))}
        />
      </ScrollBox>
    </details>
  );
}

function ThroughputTable({ rows, noteId }: { rows: ThroughputRow[]; noteId: string }) {
  const copies = rows.some((r) => r.storageBytesPerSecond !== undefined);
  return (
    <SamplesTable
      rows={rows}
      noteId={noteId}
      label="Throughput samples"
      scrollLabel="Scrollable throughput samples"
      columns={[
        ...(copies
          ? [
              {
                header: "Disk copied per second",
                render: (r: ThroughputRow) => formatRate(r.storageBytesPerSecond ?? 0),
              },
            ]
          : []),
        {
          header: copies ? "Memory sent per second" : "Sent per second",
          render: (r) => formatRate(r.bytesPerSecond),
        },
        { header: "Completed", render: (r) => `${Math.round(r.percent)}%` },
      ]}
    />
  );
}

function StorageCopyTable({ rows, noteId }: { rows: StorageCopyRow[]; noteId: string }) {
  return (
    <SamplesTable
      rows={rows}
      noteId={noteId}
      label="Storage copy samples"
      scrollLabel="Scrollable copy samples"
      columns={[
        { header: "Copied", render: (r) => formatBytes(r.copiedBytes) },
        { header: "Writes mirrored", render: (r) => formatBytes(r.mirroredBytes) },
      ]}
    />
  );
}

/** Where the page sits: back to the tool the move was started from, or to the history. */
function Breadcrumb({ parent, current }: { parent: { label: string; href: string }; current: string }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        <li>
          <Link href={parent.href} className="inline-flex items-center gap-1 text-accent hover:underline">
            <ArrowLeft aria-hidden size={14} /> {parent.label}
          </Link>
        </li>
        <li aria-hidden className="text-fg-muted">
          /
        </li>
        <li aria-current="page" className="text-fg-muted">
          {current}
        </li>
      </ol>
    </nav>
  );
}

function MigrationBody({
  detail,
  stream,
  connection,
  onRefresh,
}: {
  detail: MigrationDetail;
  stream: StreamState;
  /** The server's or cluster's path when the page opens inside its connection. */
  connection?: string | undefined;
  onRefresh: () => void;
}) {
  const [log, setLog] = useState(true);
  const maxPasses = passCap(detail, detail.policy.maxPasses);
  const { stopBelowBytes } = detail.policy;
  const f = figures(detail);
  const steps = stageSteps(detail);
  const { startMs } = simulatedClock(detail);
  const inFlight = inFlightBytes(detail);
  const interrupted = interruptedPass(detail);
  const passRows = useMemo(
    () => passChartRows(detail.passes, detail.prediction.passList, maxPasses, inFlight, interrupted),
    [detail.passes, detail.prediction.passList, maxPasses, inFlight, interrupted],
  );
  const rateRows = useMemo(() => throughputRows(detail), [detail]);
  const copyRows = useMemo(() => storageCopyRows(detail), [detail]);
  const linkRows = useMemo(() => shareRows(detail), [detail]);
  // A storage move sends no memory: its chart is the disk copy, and it has no pre-copy pass.
  const storageOnly = detail.kind === "storage";
  // The outcome bar above carries the failure text; here the line says how far the move got.
  const info = progressHeadline(detail, informationText(detail));
  const line = progressLine(detail, f);
  const ids = useId();

  return (
    <div className="flex flex-col gap-4 px-6 pt-4 pb-8">
      <div>
        <Breadcrumb
          parent={
            connection
              ? { label: "Virtual machines", href: `${connection}/vms` }
              : { label: "Migrations", href: "/migrations" }
          }
          current={moveTitle(detail)}
        />
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1">
          <h1 className="text-2xl font-semibold">{moveTitle(detail)}</h1>
          <MigrationStatusBadge status={detail.status} />
          <StreamIndicator state={stream} detail={detail} />
        </div>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 text-fg-muted">
          <span>{KIND_LABELS[detail.kind]}</span>
          <span aria-hidden>·</span>
          <span className="inline-flex items-center gap-1">
            <Link href={`/servers/${detail.sourceHost.id}`} className="text-accent hover:underline">
              {detail.sourceHost.name}
            </Link>
            <ArrowRight aria-label="to" size={14} />
            <Link href={`/servers/${detail.destinationHost.id}`} className="text-accent hover:underline">
              {detail.destinationHost.name}
            </Link>
          </span>
          <span aria-hidden>·</span>
          <span>Started from {startedFromPhrase(detail.startedFrom, detail.sourceHost.name)}</span>
          <span aria-hidden>·</span>
          <span>{formatDateTime(detail.startedAt ?? detail.createdAt)}</span>
          <span aria-hidden>·</span>
          <span title="Simulated time runs this many times faster than the lab clock">
            {paceWords(detail)}
          </span>
        </p>
        <MigrationCommands detail={detail} onRefresh={onRefresh} />
      </div>

      <Outcome detail={detail} />

      <Card title="Progress">
        <StageStepper steps={steps} />
        <div className="mt-5">
          <div className="mb-1.5 flex flex-wrap items-baseline justify-between gap-x-4">
            <span className={`font-semibold ${detail.status === "failed" ? "text-danger" : ""}`}>{info}</span>
            {line ? <span className="text-sm text-fg-muted tabular-nums">{line}</span> : null}
          </div>
          <ProgressBar
            percent={detail.percent}
            status={detail.status}
            label="Migration progress"
            className="h-2"
          />
          <FaultList faults={detail.faults} startMs={startMs} />
          {detail.status === "queued" ? (
            <p className="mt-2 text-sm text-fg-muted">{queueWords(detail)}</p>
          ) : null}
        </div>
      </Card>

      <section aria-labelledby={`${ids}-summary`}>
        <h2 id={`${ids}-summary`} className="sr-only">
          Summary
        </h2>
        <SummaryCards detail={detail} figures={f} maxPasses={maxPasses} />
      </section>

      {detail.status !== "queued" ? (
        <Card title="Link share">
          <LinkShare detail={detail} rows={linkRows} startMs={startMs} />
        </Card>
      ) : null}

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        {storageOnly ? (
          <Card title="Storage copy">
            <figure
              aria-label="Disk bytes copied and writes mirrored over simulated time"
              aria-describedby={`${ids}-copy-note`}
              className="-mt-1"
            >
              <figcaption className="mb-1 text-sm text-fg-muted">
                The disks are copied while the VM runs; its writes go to both copies. Then the VM switches to
                the new files: it is never paused.
              </figcaption>
              {copyRows.length > 0 ? (
                <>
                  <ChartStorageCopy rows={copyRows} totalBytes={f.storage?.bytes ?? 0} />
                  <StorageCopyTable rows={copyRows} noteId={`${ids}-copy-note`} />
                </>
              ) : (
                <p className="flex h-[280px] items-center justify-center text-fg-muted">
                  {detail.status === "queued"
                    ? "The move has not started yet."
                    : detail.status === "running"
                      ? "The copy starts after setup."
                      : "No disk was copied."}
                </p>
              )}
            </figure>
          </Card>
        ) : (
          <Card title="Memory transfer by pass">
            <figure
              aria-label="Bytes sent and dirtied per pre-copy pass"
              aria-describedby={`${ids}-passes-note`}
              className="-mt-1"
            >
              <div className="mb-1 flex items-center justify-between text-sm text-fg-muted">
                <figcaption>
                  Each pass sends what the VM dirtied during the previous one; pre-copy stops below the
                  threshold or at the cap.
                </figcaption>
                <label className="ml-4 flex shrink-0 items-center gap-1.5">
                  <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
                  Log scale
                </label>
              </div>
              <ChartPassDirtyPages
                rows={passRows}
                stopBelowBytes={stopBelowBytes}
                maxPasses={maxPasses}
                log={log}
                interruptedLabel={
                  detail.status === "cancelled" ? "Cut short by the cancel" : "Cut short by the failure"
                }
              />
              <p id={`${ids}-passes-note`} className="mt-1 text-sm text-fg-muted">
                The figures of every finished pass are in the{" "}
                <a href={`#${ids}-passes`} className="text-accent hover:underline">
                  Pre-copy passes table
                </a>
                .
              </p>
            </figure>
          </Card>
        )}
        <Card title="Throughput over time">
          <figure
            aria-label="Throughput and percent completed over simulated time"
            aria-describedby={`${ids}-throughput-note`}
            className="-mt-1"
          >
            <figcaption className="mb-1 text-sm text-fg-muted">
              {f.storage
                ? "Disk bytes copied and memory sent per second (simulated time), and the percent completed."
                : "Memory sent per second (simulated time) and the percent completed."}
            </figcaption>
            {rateRows.length > 0 ? (
              <>
                <ChartThroughput rows={rateRows} />
                <ThroughputTable rows={rateRows} noteId={`${ids}-throughput-note`} />
              </>
            ) : (
              <p className="flex h-[280px] items-center justify-center text-fg-muted">
                {detail.status === "queued"
                  ? "The move has not started yet."
                  : detail.status === "running"
                    ? "No progress sample yet."
                    : "No memory was sent."}
              </p>
            )}
          </figure>
        </Card>
      </div>

      <Card title="Pre-copy passes" id={`${ids}-passes`}>
        <PassTable
          passes={detail.passes}
          stopBelowBytes={stopBelowBytes}
          emptyText={passTableEmptyText(detail)}
        />
      </Card>

      <Card title="Event log">
        <MigrationEventLog log={detail.log} startMs={startMs} />
      </Card>
    </div>
  );
}
