"use client";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { ChartDrainThroughput } from "@/components/charts/lazy";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { Card, Meter, Property } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { ApiError } from "@/lib/client/api";
import { useDrain } from "@/lib/client/use-drains";
import { DRAIN_MOVE_LABELS, drainStatusLabel, priorityLabel } from "@/lib/hyperv/drain";
import type { DrainDetailDto, DrainMoveDto } from "@/lib/migrations/drain-store";
import { formatDateTime, formatLinkRate, formatRate, formatSeconds } from "@/lib/present/format";

/** A node drain or fail-back: every role's state, the throughput, each move's share of its link. */
export function DrainPage({ clusterId, id }: { clusterId: number; id: number }) {
  const { data, error, isPending, refetch } = useDrain(id);
  if (isPending) return <Loading label="Loading drain" />;
  if (error) {
    if (error instanceof ApiError && error.status === 404) {
      return <ErrorState error={new Error(`Drain ${id} is not in the inventory.`)} />;
    }
    return <ErrorState error={error} retry={() => void refetch()} />;
  }
  return <DrainBody drain={data} clusterId={clusterId} />;
}

function stateText(m: DrainMoveDto): string {
  switch (m.state) {
    case "queued":
      return "Queued";
    case "moving":
      return `Moving, ${Math.floor(m.percent)}% completed`;
    case "done":
      return "Done";
    case "failed":
      return "Failed";
  }
}

function DrainBody({ drain, clusterId }: { drain: DrainDetailDto; clusterId: number }) {
  const ids = useId();
  const failback = drain.kind === "failback";
  const title = failback ? `Fail-back to ${drain.node.name}` : `Drain of ${drain.node.name}`;
  const statusWords = drainStatusLabel(drain.status, drain.kind);
  const total = drain.moves.length;
  const live =
    drain.status === "InProgress"
      ? `${statusWords}: ${drain.counts.done} of ${total} roles moved, ${drain.counts.moving} moving, ${drain.counts.queued} queued.`
      : `${statusWords}: ${drain.counts.done} of ${total} roles moved${drain.counts.failed > 0 ? `, ${drain.counts.failed} did not` : ""}.`;

  return (
    <div className="flex flex-col gap-4 px-6 pt-4 pb-8">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1 text-sm">
          <li>
            <Link
              href={`/clusters/${clusterId}/servers`}
              className="inline-flex items-center gap-1 text-accent hover:underline"
            >
              <ArrowLeft aria-hidden size={14} /> Servers
            </Link>
          </li>
          <li aria-hidden className="text-fg-muted">
            /
          </li>
          <li aria-current="page" className="text-fg-muted">
            {title}
          </li>
        </ol>
      </nav>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p role="status" aria-live="polite" className="-mt-2 text-fg-muted">
        {live}
      </p>

      <Card title="Status">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 md:grid-cols-4">
          <Property label="Drain status">
            <Status value={statusWords} />
          </Property>
          <Property label={failback ? "Roles return to" : "Node"}>{drain.node.name}</Property>
          <Property label="Roles go to">
            {failback ? drain.node.name : (drain.target?.name ?? "Best possible node")}
          </Property>
          <Property label="Simultaneous live migrations">{drain.parallel}</Property>
          <Property label="Started">{formatDateTime(drain.startedAt)}</Property>
          <Property label="Ended">{drain.finishedAt ? formatDateTime(drain.finishedAt) : "-"}</Property>
          <Property label="Speed">{drain.speed}x</Property>
          <Property label="Cluster">{drain.cluster.name}</Property>
        </dl>
      </Card>

      <section aria-labelledby={`${ids}-counts`}>
        <h2 id={`${ids}-counts`} className="sr-only">
          Roles by state
        </h2>
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          {(
            [
              ["Queued", drain.counts.queued],
              ["Moving", drain.counts.moving],
              ["Done", drain.counts.done],
              ["Failed", drain.counts.failed],
            ] as const
          ).map(([label, n]) => (
            <section
              key={label}
              aria-label={label}
              className="rounded-sm border border-border bg-surface px-4 py-3 shadow-[0_1.6px_3.6px_rgba(0,0,0,0.08)]"
            >
              <h3 className="text-sm text-fg-muted">{label}</h3>
              <div
                className={`mt-1 text-xl font-semibold tabular-nums ${label === "Failed" && n > 0 ? "text-danger" : ""}`}
              >
                {n}
              </div>
            </section>
          ))}
        </div>
      </section>

      <Card title="Roles">
        <RolesTable drain={drain} clusterId={clusterId} />
      </Card>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card title="Throughput over time">
          <figure aria-label="The drain's throughput over simulated time" className="-mt-1">
            <figcaption className="mb-1 text-sm text-fg-muted">
              Memory sent per second by all of the drain&apos;s moves together (simulated time since the drain
              started).
            </figcaption>
            {drain.throughput.some((p) => p.bytesPerSecond > 0) ? (
              <>
                <ChartDrainThroughput rows={drain.throughput} />
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer text-accent">
                    Show the {drain.throughput.length} samples as a table
                  </summary>
                  <div className="mt-2 max-h-64 overflow-y-auto">
                    <SimpleTable
                      label="Drain throughput samples"
                      rows={drain.throughput.map((r, index) => ({ ...r, index }))}
                      rowKey={(r) => r.index}
                      columns={[
                        {
                          header: "Simulated time",
                          render: (r) => formatSeconds(r.seconds * 1000),
                          className: "tabular-nums",
                        },
                        {
                          header: "Sent per second",
                          render: (r) => formatRate(r.bytesPerSecond),
                          className: "tabular-nums",
                        },
                      ]}
                    />
                  </div>
                </details>
              </>
            ) : (
              <p className="flex h-[240px] items-center justify-center text-fg-muted">No memory sent yet.</p>
            )}
          </figure>
        </Card>
        <Card title="Network shares">
          <p className="mb-3 text-sm text-fg-muted">
            Moves that leave through the same network share its capacity. Live migrations send over the
            cluster&apos;s live-migration network, quick migrations through the storage network.
          </p>
          {drain.links.length === 0 ? (
            <p className="text-fg-muted">
              {drain.status === "InProgress" ? "No move is sending right now." : "No move is running."}
            </p>
          ) : (
            drain.links.map((link) => <LinkShareTable key={link.linkId} link={link} />)
          )}
        </Card>
      </div>

      <PowerShellBlock script={drain.powershell} level={2} title="PowerShell" />
    </div>
  );
}

function RolesTable({ drain, clusterId }: { drain: DrainDetailDto; clusterId: number }) {
  return (
    <table aria-label="Roles" className="w-full text-left">
      <thead>
        <tr className="border-b border-border">
          {["Order", "Role", "Priority", "Move", "From", "To", "State"].map((h) => (
            <th key={h} className="py-1 pr-2 font-semibold">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {drain.moves.map((m) => (
          <tr key={m.position} className="h-9 border-b border-border align-middle">
            <td className="pr-2 tabular-nums">{m.position}</td>
            <td className="pr-2">
              {m.migrationId !== null ? (
                <Link
                  href={`/clusters/${clusterId}/migrations/${m.migrationId}`}
                  className="text-accent hover:underline"
                >
                  {m.vmName}
                </Link>
              ) : (
                m.vmName
              )}
            </td>
            <td className="pr-2">{priorityLabel(m.priority)}</td>
            <td className="pr-2">{DRAIN_MOVE_LABELS[m.kind]}</td>
            <td className="pr-2">{m.from.name}</td>
            <td className="pr-2">{m.destination?.name ?? "-"}</td>
            <td className="py-1">
              {m.state === "moving" ? (
                <div className="flex items-center gap-2">
                  <div
                    role="progressbar"
                    aria-label={`${m.vmName} moving`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.floor(m.percent)}
                    className="h-1.5 w-24 overflow-hidden rounded-sm bg-subtle"
                  >
                    <div className="h-full bg-accent" style={{ width: `${Math.floor(m.percent)}%` }} />
                  </div>
                  <span className="tabular-nums">{stateText(m)}</span>
                </div>
              ) : m.state === "failed" ? (
                <span>
                  <Status value="Error" />
                  <span className="sr-only">:</span> <span className="text-danger">{stateText(m)}</span>
                  {m.failure ? <span className="block text-sm text-fg-muted">{m.failure}</span> : null}
                </span>
              ) : (
                <span className={m.state === "done" ? "text-success" : "text-fg-muted"}>{stateText(m)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LinkShareTable({ link }: { link: DrainDetailDto["links"][number] }) {
  const name =
    link.kind === "storage"
      ? `Storage network from ${link.fromHost}`
      : `Live-migration network from ${link.fromHost}`;
  return (
    <section aria-label={name} className="mb-4">
      <h3 className="font-semibold">{name}</h3>
      <div className="mb-2">
        <Meter
          label={`${name}: in use`}
          used={link.usedBytesPerSecond}
          total={link.capacity}
          // In bits, as networks are rated and as a move's page gives its link share.
          display={`${formatLinkRate(link.usedBytesPerSecond)} of ${formatLinkRate(link.capacity)}`}
        />
      </div>
      <SimpleTable
        label={`Shares of the ${link.kind === "storage" ? "storage" : "live-migration"} network from ${link.fromHost}`}
        rows={link.moves}
        rowKey={(m) => m.migrationId}
        columns={[
          { header: "Role", render: (m) => m.vmName },
          {
            header: "Sending",
            render: (m) => formatLinkRate(m.wireBytesPerSecond),
            className: "tabular-nums",
          },
          { header: "Share", render: (m) => `${Math.round(m.share * 100)}%`, className: "tabular-nums" },
        ]}
      />
    </section>
  );
}
