import { throughClusterService } from "@/lib/hyperv/vocabulary";
import type { MigrationKind, StartedFrom } from "@/lib/schemas/migration";

// Simultaneous-migration limits (Hyper-V Settings > Live Migrations / Storage Migrations, and the
// cluster's MaximumParallelMigrations), and the FIFO queue of moves waiting for a slot. Pure.

export interface SlotMove {
  id: number;
  kind: MigrationKind;
  sourceHostId: number;
  destinationHostId: number;
}

export interface HostLimits {
  maxLiveMigrations: number;
  maxStorageMigrations: number;
  clusterId: number | null;
}

export interface LimitContext {
  hosts: ReadonlyMap<number, HostLimits>;
  /** MaximumParallelMigrations per cluster id. */
  clusters: ReadonlyMap<number, number>;
}

type SlotClass = "live" | "storage";

/**
 * The limits a move counts against: "Simultaneous live migrations", "Simultaneous storage
 * migrations", or both for a shared-nothing move, which copies the disks and then moves the VM.
 */
function classesOf(kind: MigrationKind): readonly SlotClass[] {
  if (kind === "storage") return ["storage"];
  if (kind === "shared-nothing") return ["live", "storage"];
  return ["live"];
}

const shareClass = (a: MigrationKind, b: MigrationKind) => classesOf(a).some((c) => classesOf(b).includes(c));

function hostsOf(move: SlotMove): number[] {
  return move.sourceHostId === move.destinationHostId
    ? [move.sourceHostId]
    : [move.sourceHostId, move.destinationHostId];
}

/** The limit of one class (default the move's first) that applies to `move` on one of its hosts. */
export function limitFor(
  move: SlotMove,
  hostId: number,
  ctx: LimitContext,
  slot: SlotClass = classesOf(move.kind)[0] ?? "live",
): number {
  const host = ctx.hosts.get(hostId);
  if (!host) return 1;
  if (slot === "storage") return host.maxStorageMigrations;
  const source = ctx.hosts.get(move.sourceHostId);
  const destination = ctx.hosts.get(move.destinationHostId);
  // Inside a cluster the cluster's MaximumParallelMigrations overrides the hosts' own value.
  const sameCluster =
    (move.kind === "live" || move.kind === "quick") &&
    host.clusterId !== null &&
    source?.clusterId === host.clusterId &&
    destination?.clusterId === host.clusterId;
  if (sameCluster && host.clusterId !== null)
    return ctx.clusters.get(host.clusterId) ?? host.maxLiveMigrations;
  return host.maxLiveMigrations;
}

/** The first host whose limit `move` would exceed next to the moves already running, or null. */
export function blockingLimit(
  move: SlotMove,
  running: readonly SlotMove[],
  ctx: LimitContext,
): { hostId: number; limit: number } | null {
  for (const slot of classesOf(move.kind)) {
    for (const hostId of hostsOf(move)) {
      const limit = limitFor(move, hostId, ctx, slot);
      // Live and storage migrations count against separate limits; incoming and outgoing together.
      const busy = running.filter(
        (r) => classesOf(r.kind).includes(slot) && hostsOf(r).includes(hostId),
      ).length;
      if (busy >= limit) return { hostId, limit };
    }
  }
  return null;
}

/**
 * Which queued moves start now, first come first served: a move that has to wait holds its hosts,
 * so a later move on the same host cannot overtake it.
 */
export function pickStartable(
  queued: readonly SlotMove[],
  running: readonly SlotMove[],
  ctx: LimitContext,
): number[] {
  const busy = [...running];
  const held = new Set<number>();
  const start: number[] = [];
  for (const move of queued) {
    const hosts = hostsOf(move);
    if (hosts.some((h) => held.has(h)) || blockingLimit(move, busy, ctx)) {
      for (const h of hosts) held.add(h);
      continue;
    }
    busy.push(move);
    start.push(move.id);
  }
  return start;
}

/**
 * Over the limit, a move started through the cluster service (Failover Cluster Manager, or
 * Move-ClusterVirtualMachineRole from PowerShell) or the gateway waits its turn; Hyper-V Manager,
 * a session on the host and Move-VM talk to the host's VMMS directly and fail with event 21501.
 */
export function queuesAtLimit(startedFrom: StartedFrom, kind: MigrationKind): boolean {
  return startedFrom === "admin-center" || throughClusterService(startedFrom, kind);
}

export type Admission =
  | { status: "running" }
  | { status: "queued"; position: number; limit: number | null }
  | { status: "failed"; limit: number };

/**
 * What happens to a new move: it starts, waits in the queue, or fails with 21501. A move that
 * queues also waits behind an earlier queued move of its class on one of its hosts (FIFO); a
 * move that cannot queue fails only when a limit is really reached.
 */
export function admit(
  move: SlotMove,
  startedFrom: StartedFrom,
  running: readonly SlotMove[],
  queued: readonly SlotMove[],
  ctx: LimitContext,
): Admission {
  const limit = blockingLimit(move, running, ctx);
  const queues = queuesAtLimit(startedFrom, move.kind);
  const waitingBehind = queued.some(
    (q) => shareClass(q.kind, move.kind) && hostsOf(q).some((h) => hostsOf(move).includes(h)),
  );
  if (!queues) return limit === null ? { status: "running" } : { status: "failed", limit: limit.limit };
  if (limit === null && !waitingBehind) return { status: "running" };
  const position = queuePositions([...queued, move]).get(move.id) ?? 1;
  return { status: "queued", position, limit: limit?.limit ?? null };
}

/** 1-based places in the FIFO queue of each queued move's source host, from moves in id order. */
export function queuePositions(
  queued: readonly Pick<SlotMove, "id" | "sourceHostId">[],
): Map<number, number> {
  const perHost = new Map<number, number>();
  const out = new Map<number, number>();
  for (const m of queued) {
    const n = (perHost.get(m.sourceHostId) ?? 0) + 1;
    perHost.set(m.sourceHostId, n);
    out.set(m.id, n);
  }
  return out;
}
