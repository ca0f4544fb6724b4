// What the drain page shows, from what the store holds: each role's state and percent, the drain's
// aggregate throughput over time, and each move's share of the link it sends over. Pure.
// Times are simulated milliseconds from the drain's start (a move's own events count from its own
// start, so each move carries its offset).
import type { MigrationStatus } from "@/lib/schemas/values";

export type DrainMoveState = "queued" | "moving" | "done" | "failed";

/** A role's state: its stored outcome once final, else its migration's status. */
export function drainMoveState(stored: string, migration: MigrationStatus | null): DrainMoveState {
  if (stored === "done" || stored === "failed") return stored;
  switch (migration) {
    case "running":
      return "moving";
    case "succeeded":
      return "done";
    case "failed":
    case "cancelled":
      return "failed";
    default:
      return "queued";
  }
}

export interface RateSample {
  /** Simulated ms from the move's own start. */
  atMs: number;
  /** Memory bytes per second being sent at that moment (the progress event's bytesPerSecond). */
  bytesPerSecond: number;
  /** Bytes on the wire so far (the progress event's wireBytes). */
  wireBytes: number;
}

export interface MoveTimeline {
  /** Simulated ms from the drain's start to the move's start; null while it waits. */
  offsetMs: number | null;
  /** Simulated ms from the drain's start to the move's end; null while it runs. */
  endMs: number | null;
  samples: readonly RateSample[];
}

/** A move's send rate at drain time `t`: its last sample at or before `t`, 0 before it starts and after it ends. */
function rateAt(move: MoveTimeline, t: number): number {
  if (move.offsetMs === null || t < move.offsetMs || (move.endMs !== null && t >= move.endMs)) return 0;
  const local = t - move.offsetMs;
  let rate = 0;
  for (const s of move.samples) {
    if (s.atMs > local) break;
    rate = s.bytesPerSecond;
  }
  return rate;
}

/**
 * The drain's throughput over time: every move's rate summed, at most `points` instants (each
 * sample's instant, or evenly spread ones when there are more). The last point is the latest.
 */
export function aggregateThroughput(
  moves: readonly MoveTimeline[],
  points = 120,
): { seconds: number; bytesPerSecond: number }[] {
  const instants = new Set<number>([0]);
  for (const m of moves) {
    if (m.offsetMs === null) continue;
    instants.add(m.offsetMs);
    for (const s of m.samples) instants.add(m.offsetMs + s.atMs);
    if (m.endMs !== null) instants.add(m.endMs);
  }
  let times = [...instants].sort((a, b) => a - b);
  if (times.length > points) {
    const last = times.at(-1) ?? 0;
    times = Array.from({ length: points }, (_, i) => (last * i) / (points - 1));
  }
  return times.map((t) => ({
    seconds: Math.round(t) / 1000,
    bytesPerSecond: moves.reduce((sum, m) => sum + rateAt(m, t), 0),
  }));
}

/**
 * A move's rate on the wire now: the wire bytes between its last two samples over their interval
 * (one sample: since its start). Compression sends fewer wire bytes than memory bytes.
 */
export function wireRate(samples: readonly RateSample[]): number {
  const last = samples.at(-1);
  if (!last) return 0;
  if (last.bytesPerSecond === 0) return 0;
  const before = samples.at(-2) ?? { atMs: 0, wireBytes: 0 };
  const ms = last.atMs - before.atMs;
  return ms > 0 ? Math.max(0, ((last.wireBytes - before.wireBytes) / ms) * 1000) : 0;
}

export interface LinkUser {
  migrationId: number;
  vmName: string;
  /** The engine's link id: moves with the same id share its capacity. */
  linkId: string;
  /** The link's line rate, bytes per second. */
  capacity: number;
  samples: readonly RateSample[];
}

export interface LinkShare {
  linkId: string;
  capacity: number;
  /** What the link carries now, bytes per second. */
  usedBytesPerSecond: number;
  moves: { migrationId: number; vmName: string; wireBytesPerSecond: number; share: number }[];
}

/** The moves running now, grouped by the link they share, each with its part of the link's capacity. */
export function linkShares(users: readonly LinkUser[]): LinkShare[] {
  const byLink = new Map<string, LinkShare>();
  for (const u of users) {
    const link = byLink.get(u.linkId) ?? {
      linkId: u.linkId,
      capacity: u.capacity,
      usedBytesPerSecond: 0,
      moves: [],
    };
    const rate = wireRate(u.samples);
    link.usedBytesPerSecond += rate;
    link.moves.push({
      migrationId: u.migrationId,
      vmName: u.vmName,
      wireBytesPerSecond: rate,
      share: u.capacity > 0 ? Math.min(1, rate / u.capacity) : 0,
    });
    byLink.set(u.linkId, link);
  }
  return [...byLink.values()].sort((a, b) => a.linkId.localeCompare(b.linkId));
}
