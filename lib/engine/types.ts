/** Plain input and event types of the live-migration engine. Times are simulated milliseconds. */

export type Transport = "raw" | "tcpip" | "compression" | "smb";

/** Distinct bytes dirtied during an interval; see dirty.ts for the formulas. */
export type DirtyInput =
  | { model: "linear"; bytesPerSecond: number; workingSetBytes?: number }
  | { model: "hotset"; hotSetBytes: number; writesPerSecond: number; coldBytesPerSecond: number };

/** Something flows share max-min: a host's NICs in one direction, a host's disks. */
export interface ResourceInput {
  /** Flows that name the same id share it. */
  id: string;
  /** What it carries, bytes per second (the first migration to name an id sets it). */
  bytesPerSecond: number;
}

export interface LinkInput {
  /** Line rate of the whole live-migration path (all NICs together), bytes per second. */
  bytesPerSecond: number;
  /** Migrations whose links carry the same id share that link (max-min fair). */
  id?: string;
  /** Live-migration NICs; TCP/IP and Compression ride one, SMB Multichannel uses all. Default 1. */
  nics?: number;
  /** Both ends have RDMA NICs, so SMB becomes SMB Direct. Default true. */
  rdma?: boolean;
  /**
   * Further resources the traffic crosses, shared max-min with every flow that crosses them: the
   * destination's incoming live-migration NICs, so moves entering one host share them too.
   */
  via?: ResourceInput[];
}

/**
 * The virtual disks a move copies (shared-nothing and storage moves). The copy runs before the
 * memory transfer, or instead of it for a storage move. The guest keeps writing to its disks
 * meanwhile: each write goes to both copies (mirrored), so it crosses the copy's path too.
 */
export interface StorageInput {
  /** Bytes of virtual disk to copy. */
  bytes: number;
  /** Guest writes to those disks while they are copied, bytes per second. */
  writeBytesPerSecond: number;
  /**
   * Disks the copy reads and writes, shared with other copies on them (the link is crossed too).
   * A storage move's link is itself the host's disk path, so it names none here.
   */
  disks?: ResourceInput[];
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
  /**
   * false: a storage-only move. The VM keeps running where it is and its memory is not moved:
   * setup, the disk copy with writes mirrored, then the VM switches to the new files (cleanup).
   * No blackout, no pass. Needs `storage`. Default true.
   */
  memory?: boolean;
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
  /** Disks to copy before the memory (shared-nothing) or alone (storage move, `policy.memory` false). */
  storage?: StorageInput;
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

export type StageName = "setup" | "storage-copy" | "memory-transfer" | "state-transfer" | "cleanup";
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

/** What the disk copy did: bytes copied, the mirrored writes that crossed with them, how long. */
export interface StorageSummary {
  /** Bytes of disk to copy. */
  bytes: number;
  /** Bytes copied so far (all of them once the copy has finished). */
  copiedBytes: number;
  /** Guest writes mirrored to the destination copy while the copy ran. */
  mirroredBytes: number;
  /** Copied and mirrored bytes on the wire (or the disk path). */
  wireBytes: number;
  /** Time the copy ran, so far. */
  durationMs: number;
  /** Whether it finished. */
  completed: boolean;
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
  /** The disk copy, for moves that copy disks. */
  storage?: StorageSummary;
  reason: OutcomeReason;
  failure?: { code: FailureCode; stage: StageName; hresult?: string };
}

/**
 * Why the move ended where it did, as data: the screens put it in words (lib/present/reasons.ts).
 * Sizes in bytes, rates in bytes per second, times in simulated milliseconds.
 */
export type OutcomeReason =
  | { kind: "quick"; memoryBytes: number; downtimeMs: number }
  /** A storage move: the disks were copied with the guest's writes mirrored; the VM never paused. */
  | { kind: "storage"; bytes: number; mirroredBytes: number; durationMs: number }
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
  | {
      kind: "failed";
      code: FailureCode;
      stage: StageName;
      atMs: number;
      pass: number;
      memoryBytes: number;
      /**
       * False for a storage-only move: nothing was created on another host, so a rollback deletes
       * the new copies and the VM keeps its original files. Absent in moves stored before it existed.
       */
      memoryMoved?: boolean;
    };

/** What an injected fault did to one move. */
export type FaultEffect =
  | { kind: "setup-will-fail" }
  | { kind: "memory-already-reserved" }
  /** A storage move reserves no memory on a destination: the VM stays where it runs. */
  | { kind: "memory-not-moved" }
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
/** The disk copy as a progress event reports it. */
export interface StorageProgress {
  /** Bytes of disk to copy. */
  bytes: number;
  copiedBytes: number;
  mirroredBytes: number;
  /** Copied plus mirrored bytes per second right now (0 outside the copy). */
  bytesPerSecond: number;
  /** Of the copy alone, 0-100. */
  percent: number;
}

export type ProgressEvent = EventBase & {
  type: "progress";
  stage: StageName;
  /** Never decreases; 100 only on the last progress event of a successful move. */
  percent: number;
  /** Memory bytes sent (the disk copy is in `storage`). */
  bytesSent: number;
  wireBytes: number;
  /** Memory bytes per second being sent right now (0 outside memory transfers). */
  bytesPerSecond: number;
  etaMs: number;
  cpuCores: number;
  /** The disk copy, on moves that copy disks. */
  storage?: StorageProgress;
};
export type BlackoutStartedEvent = EventBase & { type: "blackout-started"; bytesToSend: number };
export type BlackoutEndedEvent = EventBase & { type: "blackout-ended"; downtimeMs: number };
export type FaultEvent = EventBase & { type: "fault"; fault: Fault["kind"]; effect: FaultEffect };
export type RollbackEvent = EventBase & { type: "rollback"; stage: StageName; code: FailureCode };
/** One link (or other resource) as a share event reports it: its capacity and who uses how much. */
export interface LinkShare {
  id: string;
  capacityBytesPerSecond: number;
  flows: Array<{ migrationId: string; wireBytesPerSecond: number }>;
}
/**
 * A move's share of its links changed: it started transferring, another move joined or left one
 * of its links, a link's capacity changed, or its own transfer changed (its disk copy ended).
 */
export type ShareEvent = EventBase & {
  type: "share";
  /** This move's wire bytes per second from now on. */
  wireBytesPerSecond: number;
  cause: "started" | "joined" | "left" | "capacity" | "transfer";
  /** The move that joined or left, for those causes. */
  otherMigrationId?: string;
  /** The move's link, then the further resources its network traffic crosses (`link.via`). */
  links: LinkShare[];
};
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
  | ShareEvent
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
  | "storage"
>;
