/** Plain input and event types of the live-migration engine. Times are simulated milliseconds. */

export type Transport = "raw" | "tcpip" | "compression" | "smb";

/** Distinct bytes dirtied during an interval; see dirty.ts for the formulas. */
export type DirtyInput =
  | { model: "linear"; bytesPerSecond: number; workingSetBytes?: number }
  | { model: "hotset"; hotSetBytes: number; writesPerSecond: number; coldBytesPerSecond: number };

export interface LinkInput {
  /** Line rate of the whole live-migration path (all NICs together), bytes per second. */
  bytesPerSecond: number;
  /** Migrations whose links carry the same id share that link (max-min fair). */
  id?: string;
  /** Live-migration NICs; TCP/IP and Compression ride one, SMB Multichannel uses all. Default 1. */
  nics?: number;
  /** Both ends have RDMA NICs, so SMB becomes SMB Direct. Default true. */
  rdma?: boolean;
}

export interface MigrationPolicy {
  /** Pre-copy passes, the first full copy included. 10 in the seed text, 5 on 2012 R2 and later. */
  maxPasses: number;
  /** Stop pre-copy once the dirty set is at or below this many bytes. */
  stopBelowBytes: number;
  setupMs: number;
  switchoverMs: number;
  cleanupMs: number;
  deviceStateBytes: number;
  /**
   * false: no pre-copy (quick migration: save, move, restore). Setup is followed by the state
   * transfer, which sends all memory while the VM is paused. Default true.
   */
  precopy?: boolean;
}

export interface CompressionInput {
  /** Memory bytes per wire byte; depends on the workload's memory. */
  ratio?: number;
  /** Memory bytes per second the source's spare CPU can compress. */
  cpuBytesPerSecond?: number;
}

export interface MigrationInput {
  memoryBytes: number;
  pageBytes: number;
  dirty: DirtyInput;
  link: LinkInput;
  transport: Transport;
  policy?: Partial<MigrationPolicy>;
  compression?: CompressionInput;
  /** Relative amplitude of the seeded noise, e.g. 0.03 for a few percent. Default 0. */
  noise?: number;
  seed?: number;
  /** Seeds the noise together with `seed`; default the migration's id. A fixed key makes the same
   * seed give the same run whatever id the runner gives the migration. */
  noiseKey?: string;
  /** Simulated ms between this migration's progress events; default the Simulation's. */
  progressIntervalMs?: number;
  startMs?: number;
}

export type StageName = "setup" | "memory-transfer" | "state-transfer" | "cleanup";
export type Outcome = "succeeded" | "failed" | "cancelled";
export type FailureCode = "link-down" | "destination-out-of-memory" | "cancelled";

export interface PassRecord {
  pass: number;
  startMs: number;
  /** Memory bytes sent in this pass. */
  bytes: number;
  wireBytes: number;
  durationMs: number;
  /** Distinct bytes dirtied while this pass ran: what the next pass (or the blackout) sends. */
  dirtiedBytes: number;
  dirtyBytesPerSecond: number;
  throughputBytesPerSecond: number;
}

export interface MigrationSummary {
  outcome: Outcome;
  /** Where the VM runs afterwards: a rollback always leaves it on the source. */
  owner: "source" | "destination";
  startMs: number;
  endMs: number;
  totalMs: number;
  downtimeMs: number;
  passes: number;
  converged: boolean;
  stoppedAtCap: boolean;
  /** Memory bytes sent, the blackout transfer included. */
  bytesSent: number;
  wireBytes: number;
  cpuCoreSeconds: number;
  passList: PassRecord[];
  reason: OutcomeReason;
  failure?: { code: FailureCode; stage: StageName; hresult?: string };
}

/**
 * Why the move ended where it did, as data: the screens put it in words (lib/present/reasons.ts).
 * Sizes in bytes, rates in bytes per second, times in simulated milliseconds.
 */
export type OutcomeReason =
  | { kind: "quick"; memoryBytes: number; downtimeMs: number }
  | { kind: "converged"; passes: number; dirtyBytes: number; thresholdBytes: number; downtimeMs: number }
  | {
      kind: "pass-cap";
      /** hot-set: a rewritten hot set larger than the threshold; faster/near: the dirty rate against the link. */
      cause: "hot-set" | "dirty-rate-above-link" | "dirty-rate-near-link";
      maxPasses: number;
      dirtyBytes: number;
      thresholdBytes: number;
      downtimeMs: number;
      hotSetBytes: number;
      dirtyBytesPerSecond: number;
      linkBytesPerSecond: number;
    }
  | { kind: "failed"; code: FailureCode; stage: StageName; atMs: number; pass: number; memoryBytes: number };

/** What an injected fault did to one move. */
export type FaultEffect =
  | { kind: "setup-will-fail" }
  | { kind: "memory-already-reserved" }
  /** The link's new rate, and the move predicted again from its state at that instant. */
  | { kind: "link-slowed"; bytesPerSecond: number; prediction: Prediction }
  /** The link is down: the move stands still and rolls back when TCP gives up, `afterMs` from now. */
  | { kind: "rolls-back"; afterMs: number }
  | { kind: "already-switched-over" };

export type Fault =
  | { kind: "link-down"; linkId?: string; migrationId?: string }
  | { kind: "slow-link"; linkId?: string; migrationId?: string; bytesPerSecond: number }
  | { kind: "destination-out-of-memory"; migrationId: string };

interface EventBase {
  migrationId: string;
  atMs: number;
}

export type StageStartedEvent = EventBase & { type: "stage-started"; stage: StageName };
export type StageCompletedEvent = EventBase & { type: "stage-completed"; stage: StageName };
export type PassEvent = EventBase & {
  type: "pass";
  pass: number;
  bytes: number;
  pages: number;
  wireBytes: number;
  durationMs: number;
  dirtiedBytes: number;
  dirtiedPages: number;
  dirtyBytesPerSecond: number;
  throughputBytesPerSecond: number;
  remainingDirtyBytes: number;
};
export type ProgressEvent = EventBase & {
  type: "progress";
  stage: StageName;
  /** Never decreases; 100 only on the last progress event of a successful move. */
  percent: number;
  bytesSent: number;
  wireBytes: number;
  /** Memory bytes per second being sent right now (0 outside transfers). */
  bytesPerSecond: number;
  etaMs: number;
  cpuCores: number;
};
export type BlackoutStartedEvent = EventBase & { type: "blackout-started"; bytesToSend: number };
export type BlackoutEndedEvent = EventBase & { type: "blackout-ended"; downtimeMs: number };
export type FaultEvent = EventBase & { type: "fault"; fault: Fault["kind"]; effect: FaultEffect };
export type RollbackEvent = EventBase & { type: "rollback"; stage: StageName; code: FailureCode };
export type DoneEvent = EventBase & { type: "done"; summary: MigrationSummary };

export type SimEvent =
  | StageStartedEvent
  | StageCompletedEvent
  | PassEvent
  | ProgressEvent
  | BlackoutStartedEvent
  | BlackoutEndedEvent
  | FaultEvent
  | RollbackEvent
  | DoneEvent;

export interface SimulationOptions {
  seed?: number;
  /** Simulated interval between progress events of one migration. Default 1000 ms. */
  progressIntervalMs?: number;
  /** Skip progress events (predictions and benchmarks). Default true. */
  progress?: boolean;
}

export interface MigrationSnapshot {
  migrationId: string;
  stage: StageName | "pending" | "done";
  percent: number;
  pass: number;
  bytesSent: number;
  wireBytes: number;
  bytesPerSecond: number;
  startMs: number;
  summary?: MigrationSummary;
}

export type Prediction = Pick<
  MigrationSummary,
  | "totalMs"
  | "downtimeMs"
  | "passes"
  | "converged"
  | "stoppedAtCap"
  | "bytesSent"
  | "wireBytes"
  | "reason"
  | "passList"
>;
