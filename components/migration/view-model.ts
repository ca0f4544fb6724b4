import type { PassRecord, StageName, StorageSummary } from "@/lib/engine/types";
import { formatBytes, formatRate, formatSeconds } from "@/lib/present/format";
import { reasonText } from "@/lib/present/reasons";
import type { MigrationDetail, PassPayload } from "@/lib/schemas/migration";
import {
  ACTIVE_STATUSES,
  MIGRATION_STATE,
  MIGRATION_STATE_CANCELED,
  MIGRATION_STATE_FAILURE,
  type MigrationKind,
} from "@/lib/schemas/values";
import { STAGE_LABELS, STATUS_LABELS } from "./status-text";

// Pure figures for the migration page, from a MigrationDetail alone (live or replayed from the store).

export const STAGE_ORDER: readonly StageName[] = ["setup", "memory-transfer", "state-transfer", "cleanup"];

/**
 * The stages a kind of move goes through: a shared-nothing move copies the disks before the
 * memory; a storage move copies them and switches to the new files, with no memory and no pause.
 */
export function stagesOf(kind: MigrationKind): readonly StageName[] {
  if (kind === "shared-nothing")
    return ["setup", "storage-copy", "memory-transfer", "state-transfer", "cleanup"];
  if (kind === "storage") return ["setup", "storage-copy", "cleanup"];
  return STAGE_ORDER;
}

export type StepState = "pending" | "current" | "done" | "failed" | "cancelled";

export interface Step {
  stage: StageName;
  label: string;
  /** The cluster resource's MigrationState while in this step: 1-3, or 4 (Canceled) / 5 (Failure). */
  migrationState: number;
  state: StepState;
  durationMs: number | null;
}

/** Where the move stopped, for a failed or cancelled one: the summary's stage, else the open one. */
function stoppedAt(d: MigrationDetail): StageName | null {
  if (d.status !== "failed" && d.status !== "cancelled") return null;
  const fromSummary = d.summary?.failure?.stage;
  if (fromSummary) return fromSummary;
  const open = [...d.stages].reverse().find((s) => s.completedAtMs === null);
  if (open) return open.stage;
  // Refused before anything started (migration limit, preflight at start): it failed in setup.
  const done = new Set(d.stages.map((s) => s.stage));
  return stagesOf(d.kind).find((s) => !done.has(s)) ?? "cleanup";
}

/** A stage's name on the page: a storage move's cleanup is where the VM switches to the new files. */
export function stageLabel(kind: MigrationKind, stage: StageName): string {
  return kind === "storage" && stage === "cleanup" ? "Switch to new files" : STAGE_LABELS[stage];
}

export function stageSteps(d: MigrationDetail): Step[] {
  const stopped = stoppedAt(d);
  return stagesOf(d.kind).map((stage) => {
    const record = d.stages.findLast((s) => s.stage === stage);
    const base = { stage, label: stageLabel(d.kind, stage), migrationState: MIGRATION_STATE[stage] };
    const durationMs =
      record && record.completedAtMs !== null ? record.completedAtMs - record.startedAtMs : null;
    if (stage === stopped) {
      const cancelled = d.status === "cancelled";
      return {
        ...base,
        state: cancelled ? "cancelled" : "failed",
        migrationState: cancelled ? MIGRATION_STATE_CANCELED : MIGRATION_STATE_FAILURE,
        durationMs: null,
      };
    }
    if (record && (record.completedAtMs !== null || d.status === "succeeded")) {
      return { ...base, state: "done", durationMs };
    }
    if (record && d.status === "running") return { ...base, state: "current", durationMs: null };
    return { ...base, state: "pending", durationMs: null };
  });
}

/** The simulated instant the move started, and the latest instant any event has reported. */
export function simulatedClock(d: MigrationDetail): { startMs: number; latestMs: number } {
  const times = [
    ...d.stages.flatMap((s) => [s.startedAtMs, s.completedAtMs ?? s.startedAtMs]),
    ...d.samples.map((s) => s.atMs),
    ...d.passes.map((p) => p.atMs),
    ...d.log.map((l) => l.atMs),
    ...d.faults.map((f) => f.atMs),
  ];
  const startMs = d.summary?.startMs ?? d.stages[0]?.startedAtMs ?? (times.length ? Math.min(...times) : 0);
  const latestMs = d.summary?.endMs ?? (times.length ? Math.max(...times) : startMs);
  return { startMs, latestMs: Math.max(startMs, latestMs) };
}

export interface Figures {
  /** From the finished move's summary (true) or live figures so far (false). */
  final: boolean;
  totalMs: number;
  downtimeMs: number | null;
  bytesSent: number;
  wireBytes: number;
  passes: number;
  converged: boolean | null;
  stoppedAtCap: boolean;
  reason: string;
  /** The disk copy so far (or in the end), for moves that copy disks; null for the others. */
  storage: Pick<StorageSummary, "bytes" | "copiedBytes" | "mirroredBytes"> | null;
}

/** The disk copy as the summary or the last sample has it; null for a move that copies no disk. */
function storageFigures(d: MigrationDetail): Figures["storage"] {
  const done = d.summary?.storage;
  if (done) return { bytes: done.bytes, copiedBytes: done.copiedBytes, mirroredBytes: done.mirroredBytes };
  const last = [...d.samples].reverse().find((s) => s.storage)?.storage;
  if (last) return { bytes: last.bytes, copiedBytes: last.copiedBytes, mirroredBytes: last.mirroredBytes };
  const predicted = d.prediction.storage;
  if (predicted) return { bytes: predicted.bytes, copiedBytes: 0, mirroredBytes: 0 };
  return null;
}

export function figures(d: MigrationDetail): Figures {
  const s = d.summary;
  const storage = storageFigures(d);
  if (s) {
    return {
      storage,
      final: true,
      totalMs: s.totalMs,
      downtimeMs: s.outcome === "succeeded" ? s.downtimeMs : (d.blackout?.downtimeMs ?? null),
      bytesSent: s.bytesSent,
      wireBytes: s.wireBytes,
      passes: s.passes,
      converged: s.outcome === "succeeded" ? s.converged : null,
      stoppedAtCap: s.stoppedAtCap,
      reason: reasonText(s.reason),
    };
  }
  const { startMs, latestMs } = simulatedClock(d);
  const passBytes = d.passes.reduce((n, p) => n + p.bytes, 0);
  const passWire = d.passes.reduce((n, p) => n + p.wireBytes, 0);
  const bytesSent = Math.max(passBytes, d.samples.at(-1)?.bytesSent ?? 0);
  // Bytes of the pass still running go on the wire at the ratio seen so far (compression).
  const ratio =
    passBytes > 0
      ? passWire / passBytes
      : d.prediction.bytesSent > 0
        ? d.prediction.wireBytes / d.prediction.bytesSent
        : 1;
  const finished = d.status !== "running" && d.status !== "queued";
  return {
    storage,
    final: finished,
    totalMs: latestMs - startMs,
    downtimeMs: d.blackout?.downtimeMs ?? null,
    bytesSent,
    wireBytes: passWire + (bytesSent - passBytes) * ratio,
    passes: d.passes.length,
    converged: null,
    stoppedAtCap: false,
    // Finished with no summary: refused or cancelled before the engine ran (the migration limit),
    // or ended outside the engine after it had started (a restart of the lab's server).
    reason: !finished
      ? reasonText(d.prediction.reason, { predicted: true })
      : d.stages.length > 0
        ? `${howFar(d)}; ${d.vmName} keeps running on ${d.sourceHost.name}.`
        : d.status === "cancelled"
          ? "Cancelled before it started: nothing was sent and nothing changed."
          : "Refused before it started: nothing was sent and nothing changed.",
  };
}

export interface PassChartRow {
  pass: number;
  sent: number | null;
  /** Bytes sent so far by the pass still running (only in its slot). */
  sending: number | null;
  /** Bytes the pass a cancel or failure cut short had sent (only in its slot). */
  interrupted: number | null;
  dirtied: number | null;
  predicted: number | null;
}

/** Memory bytes the move sent in all: the summary's, else the latest of the passes and samples. */
export function sentSoFar(d: MigrationDetail): number {
  if (d.summary) return d.summary.bytesSent;
  const done = d.passes.reduce((n, p) => n + p.bytes, 0);
  return Math.max(done, d.samples.at(-1)?.bytesSent ?? 0);
}

/** The pre-copy pass a cancel or failure cut short, and what it had sent; null if none was. */
export function interruptedPass(d: MigrationDetail): { pass: number; bytes: number } | null {
  if (stoppedAt(d) !== "memory-transfer" || d.stages.length === 0) return null;
  const done = d.passes.reduce((n, p) => n + p.bytes, 0);
  const bytes = sentSoFar(d) - done;
  return bytes > 0 ? { pass: d.passes.length + 1, bytes } : null;
}

const STOPPED_WORDS: Record<StageName, string> = {
  setup: "setup",
  "storage-copy": "the storage copy",
  "memory-transfer": "the memory transfer",
  "state-transfer": "the state transfer (blackout)",
  cleanup: "cleanup",
};

/**
 * How far a cancelled or failed move got, for the progress line, the pass tile and the pass table:
 * "Cancelled during pass 2 after 24.3 GB sent", or for a stop in the disk copy (and any stop of a
 * storage move, which sends no memory) "Failed during the storage copy after 12 GB of 40 GB of disk
 * copied". Null while it runs or once it succeeded.
 */
export function howFar(d: MigrationDetail): string | null {
  const stage = stoppedAt(d);
  if (stage === null) return null;
  const verb = STATUS_LABELS[d.status];
  if (d.stages.length === 0 && !d.summary) return `${verb} before it started: nothing was sent`;
  if (stage === "storage-copy" || d.kind === "storage") {
    const disks = storageFigures(d);
    const copied = disks?.copiedBytes ?? 0;
    const what =
      disks && copied > 0
        ? `after ${formatBytes(copied)} of ${formatBytes(disks.bytes)} of disk copied`
        : "before any disk was copied";
    return `${verb} during ${STOPPED_WORDS[stage]} ${what}`;
  }
  const reason = d.summary?.reason;
  const where =
    stage === "memory-transfer"
      ? `pass ${reason?.kind === "failed" && reason.pass > 0 ? reason.pass : d.passes.length + 1}`
      : STOPPED_WORDS[stage];
  const bytes = sentSoFar(d);
  return `${verb} during ${where} ${bytes > 0 ? `after ${formatBytes(bytes)} sent` : "before any memory was sent"}`;
}

/** Memory bytes the running pre-copy pass has sent so far, or null outside the memory transfer. */
export function inFlightBytes(d: MigrationDetail): number | null {
  if (d.status !== "running" || d.stage !== "memory-transfer") return null;
  const done = d.passes.reduce((n, p) => n + p.bytes, 0);
  return Math.max(0, (d.samples.at(-1)?.bytesSent ?? 0) - done);
}

/**
 * One slot per pass up to the cap, so the x axis shows the room left before the cap. The pass in
 * flight shows what it has sent so far; after a cancel or failure the pass it cut short stays, as
 * interrupted.
 */
export function passChartRows(
  passes: readonly PassPayload[],
  predicted: readonly PassRecord[],
  maxPasses: number,
  inFlight: number | null = null,
  interrupted: { pass: number; bytes: number } | null = null,
): PassChartRow[] {
  const running = inFlight === null ? null : passes.length + 1;
  const slots = Math.max(maxPasses, passes.length, predicted.length, running ?? 0, interrupted?.pass ?? 0);
  return Array.from({ length: slots }, (_, i) => {
    const p = passes.find((x) => x.pass === i + 1);
    return {
      pass: i + 1,
      sent: p ? p.bytes : null,
      sending: i + 1 === running ? inFlight : null,
      interrupted: i + 1 === interrupted?.pass ? interrupted.bytes : null,
      dirtied: p ? p.dirtiedBytes : null,
      predicted: predicted[i]?.bytes ?? null,
    };
  });
}

export interface ThroughputRow {
  seconds: number;
  /** Memory. */
  bytesPerSecond: number;
  /** The disk copy (copied and mirrored bytes), on moves that copy disks. */
  storageBytesPerSecond?: number;
  percent: number;
}

export function throughputRows(d: MigrationDetail): ThroughputRow[] {
  const { startMs } = simulatedClock(d);
  return d.samples.map((s) => ({
    seconds: (s.atMs - startMs) / 1000,
    bytesPerSecond: s.bytesPerSecond,
    ...(s.storage ? { storageBytesPerSecond: s.storage.bytesPerSecond } : {}),
    percent: s.percent,
  }));
}

export interface StorageCopyRow {
  seconds: number;
  copiedBytes: number;
  mirroredBytes: number;
}

/** The disk copy over simulated time, from the progress samples (empty for a move with no disks). */
export function storageCopyRows(d: MigrationDetail): StorageCopyRow[] {
  const { startMs } = simulatedClock(d);
  return d.samples.flatMap((s) =>
    s.storage
      ? [
          {
            seconds: (s.atMs - startMs) / 1000,
            copiedBytes: s.storage.copiedBytes,
            mirroredBytes: s.storage.mirroredBytes,
          },
        ]
      : [],
  );
}

/**
 * What is moving right now, for the line beside the progress bar: the disk copy's bytes of the
 * whole and its rate during the storage copy, else the memory bytes sent and the send rate.
 */
export function transferNow(
  d: MigrationDetail,
  f: Figures,
): { what: "disks" | "memory"; done: number; of: number | null; bytesPerSecond: number } | null {
  const last = d.samples.at(-1);
  if (d.status !== "running" || !last) return null;
  if (d.stage === "storage-copy" && last.storage) {
    return {
      what: "disks",
      done: last.storage.copiedBytes,
      of: last.storage.bytes,
      bytesPerSecond: last.storage.bytesPerSecond,
    };
  }
  return { what: "memory", done: f.bytesSent, of: null, bytesPerSecond: last.bytesPerSecond };
}

/** The pass cap this move ran under: the prediction shows it when it stops at the cap. */
export function passCap(d: MigrationDetail, policyCap: number): number {
  if (d.summary?.stoppedAtCap) return d.summary.passes;
  if (d.prediction.stoppedAtCap) return d.prediction.passes;
  return policyCap;
}

/** A link id of the engine input in words: "HV1's outgoing live-migration network". */
export function linkName(id: string, d: Pick<MigrationDetail, "sourceHost" | "destinationHost">): string {
  const [kind, rest = ""] = id.split(":");
  const hostId = Number(rest.split("~")[0]);
  const host =
    hostId === d.sourceHost.id
      ? d.sourceHost.name
      : hostId === d.destinationHost.id
        ? d.destinationHost.name
        : `host ${rest}`;
  switch (kind) {
    case "lm-out":
      return `${host}'s outgoing live-migration network`;
    case "lm-in":
      return `${host}'s incoming live-migration network`;
    case "disk":
      return `${host}'s disks`;
    case "storage":
      return `${host}'s storage network`;
    default:
      return id;
  }
}

export interface ShareRow {
  seconds: number;
  /** This move's wire bytes per second. */
  share: number;
  /** What the tightest of its links carries. */
  capacity: number;
}

/**
 * The move's share of its links over simulated time, as steps: one point per share event, one
 * where it stopped sending (the blackout's end, or the copy's for a storage move), and one at
 * the latest instant while it still sends.
 */
export function shareRows(d: MigrationDetail): ShareRow[] {
  const { startMs, latestMs } = simulatedClock(d);
  const rows: ShareRow[] = d.shares.map((s) => ({
    seconds: (s.atMs - startMs) / 1000,
    share: s.wireBytesPerSecond,
    capacity: Math.min(...s.links.map((l) => l.capacityBytesPerSecond)),
  }));
  const last = rows.at(-1);
  if (!last) return rows;
  const sending = d.kind === "storage" ? "storage-copy" : "state-transfer";
  const stopped = d.stages.find((s) => s.stage === sending)?.completedAtMs ?? (d.summary ? latestMs : null);
  if (stopped !== null && stopped !== undefined) {
    rows.push({ seconds: (stopped - startMs) / 1000, share: 0, capacity: last.capacity });
  } else if ((latestMs - startMs) / 1000 > last.seconds) {
    rows.push({ ...last, seconds: (latestMs - startMs) / 1000 });
  }
  return rows;
}

/**
 * What a share counts: bytes on the wire, not the payload rates the progress line and the charts
 * give, so the two never seem to disagree without a reason on the page.
 */
export function wireWords(d: Pick<MigrationDetail, "kind" | "shares" | "prediction">): string {
  const copies = d.kind === "shared-nothing" || d.kind === "storage";
  // A storage move within one host crosses only its disks, which carry the bytes without framing.
  const network = d.shares.some((s) => s.links.some((l) => !l.id.startsWith("disk:")));
  if (!network) return "Rates through the disks: the copy and the guest's mirrored writes.";
  const parts = ["framing included"];
  if (copies) parts.push("with the guest's mirrored writes");
  if (d.prediction.wireBytes < d.prediction.bytesSent) parts.push("the memory compressed");
  return `Rates on the wire, as the network carries them (${parts.join(", ")}).`;
}

/** The move has ended: what the page says of it is history ("ran", "had"), not what it does now. */
export function hasEnded(d: Pick<MigrationDetail, "status">): boolean {
  return !ACTIVE_STATUSES.includes(d.status);
}

/**
 * How fast the move's timeline runs, in words: "20x speed" or "Runs at 20x (asked 1x; move 7
 * asked 20x)"; "Ran at ..." once the move has ended.
 */
export function paceWords(d: Pick<MigrationDetail, "pace" | "speed" | "status">): string {
  const p = d.pace;
  if (!p || p.speed === p.askedSpeed) return `${p?.speed ?? d.speed}x speed`;
  const by = p.setBy !== null ? `; move ${p.setBy} asked ${p.speed}x` : "";
  return `${hasEnded(d) ? "Ran" : "Runs"} at ${p.speed}x (asked ${p.askedSpeed}x${by})`;
}

export interface Tile {
  label: string;
  value: string;
  detail?: string | undefined;
  /** A second line under the detail (the disk copy, on a move that copies disks). */
  more?: string | undefined;
  tone?: "success" | "warning" | "danger" | undefined;
}

/** The disk copy in a line: bytes copied of the whole, and the guest's writes mirrored meanwhile. */
export function storageWords(s: NonNullable<Figures["storage"]>): string {
  const mirrored = s.mirroredBytes > 0 ? ` + ${formatBytes(s.mirroredBytes)} of writes mirrored` : "";
  return s.copiedBytes >= s.bytes
    ? `Disks: ${formatBytes(s.bytes)} copied${mirrored}`
    : `Disks: ${formatBytes(s.copiedBytes)} of ${formatBytes(s.bytes)} copied${mirrored}`;
}

/**
 * Why the prediction the tiles compare against is not the one made at the start: a throttle made
 * the engine predict the move again from its state at that instant. Null when it is the first one.
 */
export function predictionNote(d: MigrationDetail): string | null {
  if (!d.repredicted) return null;
  const { startMs } = simulatedClock(d);
  return `Re-predicted after the link was throttled at ${formatSeconds(Math.max(0, d.repredicted.atMs - startMs))}`;
}

/**
 * The summary tiles: what the move did, and while it runs, what the (latest) prediction expects.
 * A move that copies disks says how far the copy got under Data sent; a storage move has its own.
 */
export function summaryTiles(d: MigrationDetail, f: Figures, maxPasses: number): Tile[] {
  if (d.kind === "storage") return storageTiles(d, f);
  const p = d.prediction;
  const predicted = (text: string) => (f.final ? undefined : `Predicted ${text}`);
  const blackout =
    f.downtimeMs !== null
      ? formatSeconds(f.downtimeMs)
      : d.blackout
        ? "In progress"
        : f.final
          ? "None"
          : "Not yet";
  const convergence: Pick<Tile, "value" | "tone"> =
    f.converged === true
      ? { value: "Converged", tone: "success" }
      : f.converged === false
        ? { value: "Did not converge", tone: "warning" }
        : f.final
          ? { value: d.status === "cancelled" ? "Cancelled" : "Failed", tone: "danger" }
          : { value: p.converged ? "Expected to converge" : "Not expected to converge" };
  return [
    {
      label: "Total time",
      value: d.stages.length === 0 && !d.summary ? "Not started" : formatSeconds(f.totalMs),
      detail: predicted(formatSeconds(p.totalMs)),
    },
    {
      label: "Blackout",
      value: blackout,
      tone: f.downtimeMs !== null && f.downtimeMs > 1000 ? "warning" : undefined,
      detail:
        predicted(formatSeconds(p.downtimeMs)) ??
        (f.downtimeMs !== null ? "VM paused for the switchover" : "The VM was never paused"),
    },
    {
      // A move that copies disks sends them too: its headline figure is the memory alone, so it is
      // named so, never "Data sent: 0 bytes" while the disks stream over the same network.
      label: f.storage ? "Memory sent" : "Data sent",
      value: formatBytes(f.bytesSent),
      detail: `${formatBytes(f.wireBytes)} on the wire${f.final ? "" : ` · predicted ${formatBytes(p.bytesSent)}`}`,
      more: f.storage ? storageWords(f.storage) : undefined,
    },
    {
      label: "Pass count",
      value: passCountValue(d, f, maxPasses),
      detail: f.final
        ? (howFar(d) ?? (f.stoppedAtCap ? "Stopped at the pass cap" : "Pre-copy passes"))
        : predicted(`${p.passes} of at most ${maxPasses}`),
    },
    {
      label: f.final
        ? "Convergence"
        : d.repredicted
          ? "Convergence (re-predicted)"
          : "Convergence (predicted)",
      ...convergence,
      detail: f.reason,
    },
  ];
}

/**
 * A storage move's tiles, in its terms: no blackout (the VM never pauses), the disk bytes copied and
 * the writes mirrored, how far the copy has got instead of a pass count, and how it ended.
 */
function storageTiles(d: MigrationDetail, f: Figures): Tile[] {
  const p = d.prediction;
  const s = f.storage ?? { bytes: p.storage?.bytes ?? 0, copiedBytes: 0, mirroredBytes: 0 };
  const copiedAll = s.bytes > 0 && s.copiedBytes >= s.bytes;
  const percent = s.bytes > 0 ? Math.floor((100 * s.copiedBytes) / s.bytes) : 0;
  const outcome: Pick<Tile, "value" | "tone"> =
    d.status === "succeeded"
      ? { value: "Switched to the new files", tone: "success" }
      : d.status === "failed"
        ? { value: "Failed", tone: "danger" }
        : d.status === "cancelled"
          ? { value: "Cancelled", tone: "danger" }
          : { value: "No pause expected" };
  return [
    {
      label: "Total time",
      value: d.stages.length === 0 && !d.summary ? "Not started" : formatSeconds(f.totalMs),
      detail: f.final ? undefined : `Predicted ${formatSeconds(p.totalMs)}`,
    },
    { label: "Blackout", value: "None", detail: "A storage migration never pauses the VM" },
    { label: "Data sent", value: formatBytes(s.copiedBytes + s.mirroredBytes), detail: storageWords(s) },
    {
      label: "Disk copy",
      value: d.status === "queued" ? "Not started" : copiedAll ? "Copied" : `${percent}%`,
      detail:
        f.final && !copiedAll
          ? (howFar(d) ?? undefined)
          : `${formatBytes(s.copiedBytes)} of ${formatBytes(s.bytes)}`,
    },
    {
      label: f.final ? "Outcome" : d.repredicted ? "Outcome (re-predicted)" : "Outcome (predicted)",
      ...outcome,
      detail: f.reason,
    },
  ];
}

/** "Pass 2 in progress" while a pass runs, never "0 of 10" for the first one. */
function passCountValue(d: MigrationDetail, f: Figures, maxPasses: number): string {
  if (d.status === "queued") return "Not started";
  if (d.status === "running") {
    if (d.stage === "memory-transfer") return `Pass ${d.passes.length + 1} in progress`;
    // The disks go first on a shared-nothing move: no pass has started while they are copied.
    if (d.stage === "setup" || d.stage === "pending" || d.stage === "storage-copy") return "None yet";
  }
  return `${f.passes} of ${maxPasses}`;
}

/** A pulled cable the move has not yet timed out on: the stream's ETA is then the time to failure. */
function connectionLost(d: MigrationDetail): boolean {
  return d.status === "running" && d.faults.some((x) => x.effect.kind === "rolls-back");
}

/** What a move sends before setup ends, in words: a storage move copies disks, no memory. */
function nothingYet(kind: MigrationKind): string {
  if (kind === "storage") return "no disk copied yet";
  if (kind === "shared-nothing") return "no disk copied and no memory sent yet";
  return "no memory sent yet";
}

/**
 * The line beside the progress bar while the move runs: what the percent counts (setup is its first
 * 5 %, before anything moves), what is moving now (the disks copied of the whole during the storage
 * copy, else the memory sent) and its rate, the pass in flight and the stream's ETA.
 */
export function progressLine(d: MigrationDetail, f: Figures): string | null {
  if (d.status !== "running") return null;
  const last = d.samples.at(-1);
  const lost = connectionLost(d);
  const eta = last
    ? lost
      ? ` · the connection times out in ${formatSeconds(last.etaMs)}`
      : ` · about ${formatSeconds(last.etaMs)} left`
    : "";
  const rate = last ? ` · ${formatRate(last.bytesPerSecond)}` : "";
  // With Compression the memory goes faster than the link could carry it raw: say what the wire
  // carried, or "1.66 GB/s" would contradict a 10 Gbps link's share beside it.
  const compressed =
    f.wireBytes < f.bytesSent ? ` (${formatBytes(f.wireBytes)} on the wire, compressed)` : "";
  switch (d.stage) {
    case "pending":
    case "setup":
      return `Setup, the first 5 % of the bar: ${nothingYet(d.kind)}${eta}`;
    case "storage-copy": {
      const now = transferNow(d, f);
      if (now?.what !== "disks") return `Copying the disks while ${d.vmName} runs${eta}`;
      const mirrored = last?.storage?.mirroredBytes ?? 0;
      const writes = mirrored > 0 ? ` · ${formatBytes(mirrored)} of writes mirrored` : "";
      return `${formatBytes(now.done)} of ${formatBytes(now.of ?? 0)} of disk copied · ${formatRate(now.bytesPerSecond)}${writes}${eta}`;
    }
    case "memory-transfer":
      return `${formatBytes(f.bytesSent)} sent${compressed}${rate} · Pass ${d.passes.length + 1} in progress${eta}`;
    case "state-transfer":
      return `${formatBytes(f.bytesSent)} sent${compressed}${rate} · blackout: the VM is paused${eta}`;
    case "cleanup":
      return d.kind === "storage"
        ? `Switched to the new files: ${d.vmName} was never paused, the old files are cleaned up${eta}`
        : `Switched over: ${d.vmName} runs on ${d.destinationHost.name}, the source is cleaned up${eta}`;
    default:
      return null;
  }
}

/** The words above the progress bar: Failover Cluster Manager's Information column, or how far it got. */
export function progressHeadline(d: MigrationDetail, informationText: string): string {
  const far = howFar(d);
  const stopped = stageSteps(d).find((s) => s.state === "failed" || s.state === "cancelled");
  return far && stopped ? `${far} (MigrationState ${stopped.migrationState})` : informationText;
}

/** The pass table's words when it has no row. */
export function passTableEmptyText(d: MigrationDetail): string {
  if (d.kind === "storage")
    return "A storage migration moves no memory: there is no pre-copy pass and no blackout.";
  const far = howFar(d);
  if (far) return `${far}: no pre-copy pass finished.`;
  if (d.status === "succeeded") return "No pre-copy pass ran.";
  return "No pre-copy pass has finished yet.";
}
