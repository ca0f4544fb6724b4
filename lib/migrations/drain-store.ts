import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import type { MigrationInput } from "@/lib/engine/types";
import { NotFoundError } from "@/lib/http/errors";
import {
  type ClusterLogEntry,
  drainCompleted,
  drainFailed,
  failbackCompleted,
} from "@/lib/hyperv/cluster-events";
import { type DrainMoveKind, type NodeDrainStatus, resumeScript, suspendScript } from "@/lib/hyperv/drain";
import { pageOf } from "@/lib/inventory/json";
import type { DrainListQuery } from "@/lib/schemas/drain";
import type { MigrationStatus } from "@/lib/schemas/values";
import {
  aggregateThroughput,
  type DrainMoveState,
  drainMoveState,
  type LinkShare,
  linkShares,
  type MoveTimeline,
  type RateSample,
} from "./drain-view";
import { readJson } from "./row-data";

// The stored drains and fail-backs: their end when their last role ends (in the transaction that
// ends it), and what the API and the drain page read of them.

/** Writes the Cluster service's lines on the node's log, at the lab clock's time. */
export async function logOnNode(tx: Tx, nodeId: number, entries: readonly ClusterLogEntry[], time: Date) {
  if (entries.length === 0) return;
  await tx.eventLogEntry.createMany({ data: entries.map((e) => ({ ...e, hostId: nodeId, time })) });
}

/**
 * A drain whose roles have all ended gets its NodeDrainStatus: Completed when every role moved,
 * Failed (the Cluster service's 1677, naming the roles that stayed) when one did not.
 */
export async function finishDrainIfDone(tx: Tx, drainId: number, now: Date): Promise<void> {
  const drain = await tx.nodeDrain.findUniqueOrThrow({
    where: { id: drainId },
    select: {
      kind: true,
      status: true,
      nodeId: true,
      node: { select: { name: true } },
      moves: { select: { state: true, vmName: true, failure: true } },
    },
  });
  if (drain.status !== "InProgress") return;
  if (drain.moves.some((m) => m.state !== "done" && m.state !== "failed")) return;
  const failed = drain.moves.filter((m) => m.state === "failed");
  const moved = drain.moves.length - failed.length;
  const status: NodeDrainStatus = failed.length > 0 ? "Failed" : "Completed";
  await tx.nodeDrain.update({ where: { id: drainId }, data: { status, finishedAt: now } });
  const entry =
    drain.kind === "failback"
      ? failbackCompleted(drain.node.name, moved, failed.length)
      : failed.length > 0
        ? drainFailed(
            drain.node.name,
            failed.map((m) => ({ role: m.vmName, reason: m.failure ?? "it did not move." })),
          )
        : drainCompleted(drain.node.name, moved);
  await logOnNode(tx, drain.nodeId, [entry], now);
}

/**
 * A migration ended (in the transaction that ends it): when it moves a drained role, the role's
 * outcome is stored, and the drain ends with its last role.
 */
export async function settleDrainMove(
  tx: Tx,
  migrationId: number,
  status: MigrationStatus,
  failure: string | null,
  now: Date,
): Promise<void> {
  const move = await tx.nodeDrainMove.findUnique({
    where: { migrationId },
    select: { id: true, drainId: true },
  });
  if (!move) return;
  await tx.nodeDrainMove.update({
    where: { id: move.id },
    data:
      status === "succeeded"
        ? { state: "done" }
        : { state: "failed", failure: failure ?? `The move ${status}.` },
  });
  await finishDrainIfDone(tx, move.drainId, now);
}

// ---- reads ----------------------------------------------------------------------------------

export interface DrainMoveDto {
  position: number;
  vmId: number;
  vmName: string;
  priority: number | null;
  kind: DrainMoveKind;
  from: { id: number; name: string };
  destination: { id: number; name: string } | null;
  migrationId: number | null;
  state: DrainMoveState;
  percent: number;
  failure: string | null;
}

export interface DrainSummaryDto {
  id: number;
  kind: "drain" | "failback";
  cluster: { id: number; name: string };
  node: { id: number; name: string };
  target: { id: number; name: string } | null;
  status: NodeDrainStatus;
  /** MaximumParallelMigrations when it started. */
  parallel: number;
  speed: number;
  startedAt: string;
  finishedAt: string | null;
  resumedAt: string | null;
  counts: Record<DrainMoveState, number>;
  /** The PowerShell that does the same: Suspend-ClusterNode -Drain, or Resume-ClusterNode -Failback Immediate. */
  powershell: string;
}

export interface DrainDetailDto extends DrainSummaryDto {
  moves: DrainMoveDto[];
  /** Every move's memory bytes per second summed, over simulated seconds since the drain started. */
  throughput: { seconds: number; bytesPerSecond: number }[];
  /** The moves running now, by the link they send over, with each one's part of it. */
  links: (LinkShare & { kind: "live-migration" | "storage"; fromHost: string })[];
}

const drainSelect = {
  id: true,
  kind: true,
  status: true,
  parallel: true,
  speed: true,
  startedAt: true,
  finishedAt: true,
  resumedAt: true,
  cluster: { select: { id: true, name: true } },
  node: { select: { id: true, name: true } },
  targetNode: { select: { id: true, name: true } },
  moves: {
    orderBy: { position: "asc" },
    select: {
      position: true,
      vmId: true,
      vmName: true,
      priority: true,
      kind: true,
      fromHostId: true,
      destinationHostId: true,
      destinationName: true,
      migrationId: true,
      state: true,
      failure: true,
      migration: {
        select: {
          status: true,
          percent: true,
          speed: true,
          input: true,
          startedAt: true,
          finishedAt: true,
          sourceHost: { select: { id: true, name: true } },
        },
      },
    },
  },
} satisfies Prisma.NodeDrainSelect;
type DrainRow = Prisma.NodeDrainGetPayload<{ select: typeof drainSelect }>;

const asKind = (kind: string): DrainMoveDto["kind"] =>
  kind === "live" || kind === "quick" || kind === "offline" ? kind : "live";

async function hostNames(ids: number[]): Promise<Map<number, string>> {
  const rows = await db.host.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((h) => [h.id, h.name]));
}

function movesOf(row: DrainRow, names: Map<number, string>): DrainMoveDto[] {
  return row.moves.map((m) => {
    const state = drainMoveState(m.state, (m.migration?.status as MigrationStatus | undefined) ?? null);
    return {
      position: m.position,
      vmId: m.vmId,
      vmName: m.vmName,
      priority: m.priority,
      kind: asKind(m.kind),
      from: { id: m.fromHostId, name: names.get(m.fromHostId) ?? "?" },
      destination:
        m.destinationHostId === null
          ? null
          : { id: m.destinationHostId, name: m.destinationName ?? names.get(m.destinationHostId) ?? "?" },
      migrationId: m.migrationId,
      state,
      percent: state === "done" ? 100 : state === "moving" ? (m.migration?.percent ?? 0) : 0,
      failure: state === "failed" ? (m.failure ?? "It did not move.") : null,
    };
  });
}

function summaryOf(row: DrainRow, moves: DrainMoveDto[]): DrainSummaryDto {
  const counts: Record<DrainMoveState, number> = { queued: 0, moving: 0, done: 0, failed: 0 };
  for (const m of moves) counts[m.state]++;
  const failback = row.kind === "failback";
  return {
    id: row.id,
    kind: failback ? "failback" : "drain",
    cluster: row.cluster,
    node: row.node,
    target: failback ? null : row.targetNode,
    status: row.status as NodeDrainStatus,
    parallel: row.parallel,
    speed: row.speed,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    resumedAt: row.resumedAt?.toISOString() ?? null,
    counts,
    powershell: failback
      ? resumeScript(row.cluster.name, row.node.name, true)
      : suspendScript(row.cluster.name, row.node.name, true, row.targetNode?.name ?? null),
  };
}

/** GET /api/drains/:id: the roles, the aggregate throughput and the link shares. */
export async function getDrain(id: number): Promise<DrainDetailDto> {
  const row = await db.nodeDrain.findUnique({ where: { id }, select: drainSelect });
  if (!row) throw new NotFoundError("Drain", id);
  const names = await hostNames(
    row.moves.flatMap((m) => [m.fromHostId, ...(m.destinationHostId ? [m.destinationHostId] : [])]),
  );
  const moves = movesOf(row, names);
  const migrationIds = row.moves.flatMap((m) =>
    m.migrationId !== null && m.migration?.startedAt ? [m.migrationId] : [],
  );
  const progress = migrationIds.length
    ? await db.migrationEvent.findMany({
        where: { migrationId: { in: migrationIds }, type: "progress" },
        orderBy: [{ migrationId: "asc" }, { seq: "asc" }],
        select: { migrationId: true, atMs: true, payload: true },
      })
    : [];
  const samples = new Map<number, RateSample[]>();
  for (const e of progress) {
    const p = e.payload as { bytesPerSecond?: number; wireBytes?: number };
    const list = samples.get(e.migrationId) ?? [];
    list.push({ atMs: e.atMs, bytesPerSecond: p.bytesPerSecond ?? 0, wireBytes: p.wireBytes ?? 0 });
    samples.set(e.migrationId, list);
  }
  const start = row.startedAt.getTime();
  const timelines: MoveTimeline[] = row.moves.flatMap((m) => {
    const mig = m.migration;
    if (m.migrationId === null || !mig) return [];
    const at = (d: Date | null) => (d === null ? null : (d.getTime() - start) * mig.speed);
    return [
      { offsetMs: at(mig.startedAt), endMs: at(mig.finishedAt), samples: samples.get(m.migrationId) ?? [] },
    ];
  });
  const users = row.moves.flatMap((m) => {
    const mig = m.migration;
    if (m.migrationId === null || !mig || mig.status !== "running") return [];
    const input = readJson("input", mig.input) as MigrationInput;
    return [
      {
        migrationId: m.migrationId,
        vmName: m.vmName,
        linkId: input.link.id ?? `move:${m.migrationId}`,
        capacity: input.link.bytesPerSecond,
        samples: samples.get(m.migrationId) ?? [],
        fromHost: mig.sourceHost.name,
      },
    ];
  });
  const fromOf = new Map(users.map((u) => [u.linkId, u.fromHost]));
  return {
    ...summaryOf(row, moves),
    moves,
    throughput: aggregateThroughput(timelines),
    links: linkShares(users).map((l) => ({
      ...l,
      kind: l.linkId.startsWith("storage:") ? "storage" : "live-migration",
      fromHost: fromOf.get(l.linkId) ?? "",
    })),
  };
}

/** GET /api/drains: newest first, optionally of one node or cluster. */
export async function listDrains(query: DrainListQuery) {
  const where: Prisma.NodeDrainWhereInput = {
    ...(query.hostId ? { nodeId: query.hostId } : {}),
    ...(query.clusterId ? { clusterId: query.clusterId } : {}),
  };
  const offset = Number(query.cursor ?? 0);
  const [rows, total] = await Promise.all([
    db.nodeDrain.findMany({
      where,
      select: drainSelect,
      orderBy: { id: "desc" },
      skip: offset,
      take: query.limit,
    }),
    db.nodeDrain.count({ where }),
  ]);
  const names = await hostNames(rows.flatMap((r) => r.moves.flatMap((m) => [m.fromHostId])));
  return pageOf(
    rows.map((r) => summaryOf(r, movesOf(r, names))),
    offset,
    query.limit,
    total,
  );
}
