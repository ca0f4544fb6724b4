// The closed lists of values the API accepts, and the figures its schemas check against, without
// zod: browser code imports them from here, so a page that only needs a list of states does not
// ship the validation library (lib/schemas/client-imports.test.ts keeps it that way). The schema
// files validate against the same lists and re-export them for the server side.
import type { StageName } from "@/lib/engine/types";

export const MIGRATION_KINDS = ["live", "shared-nothing", "storage", "quick"] as const;
export type MigrationKind = (typeof MIGRATION_KINDS)[number];

export const STARTED_FROM = [
  "admin-center",
  "source-session",
  "failover-cluster-manager",
  "hyper-v-manager",
  "powershell",
] as const;
export type StartedFrom = (typeof STARTED_FROM)[number];

export const MIGRATION_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];
export const ACTIVE_STATUSES: readonly MigrationStatus[] = ["queued", "running"];

export const MIGRATION_STAGES = [
  "pending",
  "setup",
  "storage-copy",
  "memory-transfer",
  "state-transfer",
  "cleanup",
  "done",
] as const satisfies readonly (StageName | "pending" | "done")[];
export type MigrationStage = (typeof MIGRATION_STAGES)[number];

/** The cluster resource's MigrationState (Get-ClusterResource ... | Select MigrationState). */
export const MIGRATION_STATE: Record<StageName, number> = {
  setup: 1,
  // The disks cross before the memory: data transfer, as the memory pre-copy (lab choice).
  "storage-copy": 2,
  "memory-transfer": 2,
  "state-transfer": 3,
  cleanup: 3,
};
export const MIGRATION_STATE_CANCELED = 4;
export const MIGRATION_STATE_FAILURE = 5;

/** A request may ask for up to 1000x real time; the server default comes from LAB_SPEED. */
export const MAX_SPEED = 1000;
/** Slower than a hundredth of real time teaches nothing and overflows the runner's timers. */
export const MIN_SPEED = 0.01;

/** A cluster's MaximumParallelMigrations: at least 1; the lab caps it where it caps the host setting. */
export const MAX_PARALLEL_MIGRATIONS = 64;

export const HOST_STATES = ["Up", "Paused", "Down"] as const;
export const CPU_VENDORS = ["Intel", "AMD"] as const;
export const HOST_ROLES = [
  "Hyper-V",
  "Failover Clustering",
  "iSCSI Target Server",
  "File and Storage Services",
  "Active Directory Domain Services",
  "DNS Server",
] as const;
export const AUTH_PROTOCOLS = ["CredSSP", "Kerberos"] as const;
export const PERFORMANCE_OPTIONS = ["TCPIP", "Compression", "SMB"] as const;

export const VM_STATES = ["Running", "Off", "Saved", "Paused"] as const;
export type VmState = (typeof VM_STATES)[number];
export const VM_ACTIONS = ["start", "shutdown", "turnoff", "pause", "resume", "save"] as const;
export type VmAction = (typeof VM_ACTIONS)[number];
export const WORKLOAD_NAMES = ["idle", "web", "sql", "analytics"] as const;

export const AUDIT_OUTCOMES = ["succeeded", "refused", "failed"] as const;
