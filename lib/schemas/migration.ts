import { z } from "zod";
import type {
  FaultEffect,
  MigrationSummary,
  PassEvent,
  Prediction,
  ProgressEvent,
  StageName,
} from "@/lib/engine/types";
import { Paging } from "./common";
import {
  MAX_SPEED,
  MIGRATION_KINDS,
  MIGRATION_STATUSES,
  MIN_SPEED,
  type MigrationKind,
  type MigrationStage,
  type MigrationStatus,
  STARTED_FROM,
  type StartedFrom,
} from "./values";

// The contract of a move: request bodies, API responses and the event stream's payloads.
// lib/migrations (server), the routes and lib/client all use these names.

export type { MigrationKind, MigrationStage, MigrationStatus, StartedFrom } from "./values";
export {
  ACTIVE_STATUSES,
  MAX_SPEED,
  MIGRATION_KINDS,
  MIGRATION_STAGES,
  MIGRATION_STATE,
  MIGRATION_STATE_CANCELED,
  MIGRATION_STATE_FAILURE,
  MIGRATION_STATUSES,
  MIN_SPEED,
  STARTED_FROM,
} from "./values";

const HostRef = z.union([z.number().int().positive(), z.literal("best")]);
const SwitchName = z.string().trim().min(1).max(100);

const moveFields = {
  vmId: z.number().int().positive(),
  kind: z.enum(MIGRATION_KINDS),
  destinationHostId: HostRef,
  startedFrom: z.enum(STARTED_FROM),
  /** The host the operator is signed in on (CredSSP); defaults to the source for "source-session". */
  signedInHostId: z.number().int().positive().optional(),
  /** Destination folder for the VM's files (shared-nothing and storage moves), e.g. D:\VMs\WEB01. */
  storagePath: z
    .string()
    .trim()
    .min(3)
    .max(260, "Windows paths have at most 260 characters.")
    // Segments separated by single backslashes: no nested quantifier to backtrack on.
    .regex(
      /^[A-Za-z]:\\(?:[^<>:"/|?*\\]+\\)*[^<>:"/|?*\\]*$/,
      "Enter a local path such as D:\\Hyper-V\\WEB01.",
    )
    .optional(),
  /** VM switch name -> destination switch name. */
  switchMap: z.record(SwitchName, SwitchName).optional(),
  speed: z
    .number()
    .min(MIN_SPEED, `Speed is at least ${MIN_SPEED}x.`)
    .max(MAX_SPEED, `Speed is at most ${MAX_SPEED}x.`)
    .optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
};

/** POST /api/migrations. */
export const StartMigrationInput = z.strictObject(moveFields);
export type StartMigrationInput = z.infer<typeof StartMigrationInput>;

/**
 * POST /api/migrations/compare: what the Move pane asks at every step. Only vmId is required;
 * kind defaults to the best kind for the VM, destination to "best", startedFrom to "admin-center".
 */
export const CompareMigrationInput = z.strictObject({
  ...moveFields,
  kind: moveFields.kind.optional(),
  destinationHostId: HostRef.optional(),
  startedFrom: moveFields.startedFrom.optional(),
});
export type CompareMigrationInput = z.infer<typeof CompareMigrationInput>;

export const MIGRATION_SORT_KEYS = ["createdAt", "vmName", "status"] as const;
export const MigrationListQuery = z.strictObject({
  ...Paging,
  status: z.enum(MIGRATION_STATUSES).optional(),
  active: z.enum(["true", "false"]).optional(),
  vmId: z.coerce.number().int().positive().optional(),
  hostId: z.coerce.number().int().positive().optional(),
  sort: z.enum(MIGRATION_SORT_KEYS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
});
export type MigrationListQuery = z.infer<typeof MigrationListQuery>;

/** POST /api/migrations/:id/faults, for lessons ("pull the cable"). */
export const MigrationFaultInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("link-down") }),
  /** The destination runs out of memory: setup fails when it reserves the VM's memory. */
  z.strictObject({ kind: z.literal("destination-out-of-memory") }),
  z.strictObject({
    kind: z.literal("slow-link"),
    /** The live-migration link's new line rate, in Mbit/s. */
    mbps: z.number().positive().max(400_000).default(100),
  }),
]);
export type MigrationFaultInput = z.infer<typeof MigrationFaultInput>;

// ---- Compare-VM style report -------------------------------------------------------------

export type IncompatibilityLevel = "error" | "warning";
export interface Incompatibility {
  level: IncompatibilityLevel;
  /** Hyper-V's exact text (docs/hyperv.md) where one exists. */
  message: string;
  /** Compare-VM's MessageId where a source gives one (33012, a missing switch); 0 otherwise. */
  messageId: number;
  /** The rule that raised it, e.g. "authentication", "switch", "memory". */
  rule: string;
  /** What the incompatibility is about: a switch name, a host name, the VM. */
  source: string;
  /** Plain-words hint for the operator in training. */
  hint?: string;
}

export interface CompareReport {
  vm: string;
  operationType: "MoveVirtualMachine" | "MoveVirtualMachineAndStorage" | "MoveVirtualMachineStorage";
  destination: string;
  incompatibilities: Incompatibility[];
  /** No error-level incompatibility. */
  canMove: boolean;
}

export interface KindOption {
  kind: MigrationKind;
  enabled: boolean;
  /** Why the kind cannot apply to this VM, when disabled. */
  reason?: string;
}

export interface DestinationOption {
  hostId: number;
  name: string;
  state: string;
  cpuVendor: string;
  cpuFeatureLevel: string;
  freeMemoryMiB: number;
  missingSwitches: string[];
  sameCluster: boolean;
  compatible: boolean;
  /** The first blocking incompatibility, in plain words, when not compatible. */
  reason?: string;
}

export interface CompareResult {
  vm: { id: number; name: string; state: string; hostId: number; hostName: string; clustered: boolean };
  kind: MigrationKind;
  kinds: KindOption[];
  destinations: DestinationOption[];
  /** The resolved destination ("best" picks one); null when no host qualifies. */
  destination: { hostId: number; name: string; chosenAsBest: boolean } | null;
  /** Switches the VM's adapters use, with the destination's switch names to map them to. */
  switches: { name: string; existsOnDestination: boolean }[];
  destinationSwitches: string[];
  defaultStoragePath: string | null;
  report: CompareReport;
  prediction: Prediction | null;
  powershell: string;
}

// ---- Migrations as the API returns them ----------------------------------------------------

export interface MigrationDto {
  id: number;
  vmId: number;
  vmName: string;
  kind: MigrationKind;
  sourceHost: { id: number; name: string };
  destinationHost: { id: number; name: string };
  startedFrom: StartedFrom;
  /** The gateway user who started the move; null for the local administrator (or a removed user). */
  startedBy: { id: number; name: string } | null;
  status: MigrationStatus;
  stage: MigrationStage;
  percent: number;
  speed: number;
  seed: number;
  switchedOver: boolean;
  failure: { code: string; message: string } | null;
  prediction: Prediction;
  /** The engine policy this move ran with: the pass cap and the stop threshold its charts mark. */
  policy: { maxPasses: number; stopBelowBytes: number };
  summary: MigrationSummary | null;
  /** Position in the source host's queue (1 = next), when queued. */
  queuePosition: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  lastSeq: number;
}

export type PassPayload = Omit<PassEvent, "type" | "migrationId">;
export type ProgressPayload = Omit<ProgressEvent, "type" | "migrationId">;

export interface LogPayload {
  eventId: number;
  level: "Information" | "Warning" | "Error";
  channel: string;
  hostName: string;
  message: string;
}

/**
 * The move's share of its links changed: it started sending, another move joined or left one of
 * them, a capacity changed, or its own transfer changed. Rates are wire bytes per second.
 */
export interface SharePayload {
  wireBytesPerSecond: number;
  cause: "started" | "joined" | "left" | "capacity" | "transfer";
  /** The move that joined or left. */
  otherMigrationId: number | null;
  /** The move's outgoing link first (`lm-out:<host>`), then the destination's incoming one. */
  links: {
    id: string;
    capacityBytesPerSecond: number;
    flows: { migrationId: number; wireBytesPerSecond: number }[];
  }[];
}

/**
 * The rate the lab's one timeline runs at for this move (simulated seconds per lab second): the
 * highest speed any running move asked. Sent when the move starts and whenever the rate changes.
 */
export interface TimelinePayload {
  speed: number;
  askedSpeed: number;
  /** The move whose asked speed sets the rate, when it is not this one. */
  setBy: number | null;
}

/** The stored events (one MigrationEvent row each) and what each carries. */
export interface StreamPayloads {
  status: { status: MigrationStatus; message: string; queuePosition?: number };
  stage: { stage: StageName; phase: "started" | "completed"; migrationState: number };
  pass: PassPayload;
  progress: ProgressPayload;
  blackout: { phase: "started"; bytesToSend: number } | { phase: "ended"; downtimeMs: number };
  fault: { fault: string; effect: FaultEffect };
  rollback: { stage: StageName; code: string };
  switchover: { destinationHostId: number; destinationHostName: string };
  share: SharePayload;
  timeline: TimelinePayload;
  log: LogPayload;
  done: {
    status: Extract<MigrationStatus, "succeeded" | "failed" | "cancelled">;
    summary: MigrationSummary | null;
    failure: { code: string; message: string } | null;
  };
}
export type StreamEventType = keyof StreamPayloads;

export type MigrationStreamEvent = {
  [T in StreamEventType]: {
    seq: number;
    type: T;
    atMs: number;
    migrationId: number;
    data: StreamPayloads[T];
  };
}[StreamEventType];

/** A progress sample for the throughput-over-time chart. */
export interface ThroughputSample {
  atMs: number;
  percent: number;
  /** Memory. */
  bytesPerSecond: number;
  bytesSent: number;
  /** The engine's time left at that sample (the stream's ETA). */
  etaMs: number;
  /** The disk copy (moves that copy disks): its rate, copied and mirrored bytes, of how many. */
  storage?: { bytesPerSecond: number; copiedBytes: number; mirroredBytes: number; bytes: number };
}

/** GET /api/migrations/:id, and the `snapshot` event's data: everything up to `lastSeq`. */
export interface MigrationDetail extends MigrationDto {
  /** Every change of the move's share of its links, in order. */
  shares: (SharePayload & { atMs: number })[];
  /** The rate its timeline runs at now, since when (null before the first `timeline` event). */
  pace: (TimelinePayload & { sinceMs: number }) | null;
  passes: PassPayload[];
  samples: ThroughputSample[];
  log: (LogPayload & { seq: number; atMs: number })[];
  stages: { stage: StageName; startedAtMs: number; completedAtMs: number | null }[];
  blackout: { startedAtMs: number; downtimeMs: number | null } | null;
  faults: { atMs: number; fault: string; effect: FaultEffect }[];
  /**
   * Set when a throttle made the start's prediction stale: `prediction` is then the engine's new
   * one, from the move's state at that instant (the fault's time, relative to the move's start).
   */
  repredicted: { atMs: number; bytesPerSecond: number } | null;
}

/** One line of GET /api/events (the bell): a migration event with the migration's list row. */
export interface NotificationEvent {
  id: number;
  migration: MigrationDto;
  event: MigrationStreamEvent;
}
