import type { StageName } from "@/lib/engine/types";
import type { MigrationDto, MigrationKind, MigrationStatus } from "@/lib/schemas/migration";

// The words the migration screens share (page, history grid, bell), in one place.

export const STATUS_LABELS: Record<MigrationStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const STAGE_LABELS: Record<StageName, string> = {
  setup: "Setup",
  "storage-copy": "Storage copy",
  "memory-transfer": "Memory transfer",
  "state-transfer": "State transfer",
  cleanup: "Cleanup",
};

/** Whole percent, rounded down, so "100%" appears only when the move has really finished. */
export function wholePercent(percent: number): number {
  return Math.max(0, Math.min(100, Math.floor(percent)));
}

const VERB: Record<MigrationKind, string> = {
  live: "Live Migrating",
  "shared-nothing": "Live Migrating",
  quick: "Quick Migrating",
  storage: "Moving storage",
};

type InfoFields = Pick<MigrationDto, "status" | "kind" | "percent" | "queuePosition" | "failure">;

/** Failover Cluster Manager's Information column: "Live Migrating, 42% completed". */
export function informationText(m: InfoFields): string {
  switch (m.status) {
    case "running":
      return `${VERB[m.kind]}, ${wholePercent(m.percent)}% completed`;
    case "queued":
      return m.queuePosition ? `Queued (position ${m.queuePosition})` : "Queued";
    case "succeeded":
      return "Completed";
    case "failed":
      return m.failure ? `Failed: ${m.failure.message}` : "Failed";
    case "cancelled":
      return "Cancelled";
  }
}

export function moveTitle(m: Pick<MigrationDto, "kind" | "vmName" | "destinationHost">): string {
  return m.kind === "storage"
    ? `Move the storage of ${m.vmName}`
    : `Move ${m.vmName} to ${m.destinationHost.name}`;
}

type QueueFields = Pick<MigrationDto, "kind" | "sourceHost" | "destinationHost">;

/**
 * Why a queued move waits, naming the limits that apply to its kind: a storage move counts against
 * the hosts' Simultaneous storage migrations, a live or quick move against their Simultaneous live
 * migrations or, between two nodes of one cluster, the cluster's MaximumParallelMigrations (as the
 * host's Settings say), and a shared-nothing move against both of the hosts' settings.
 */
export function queueWords(m: QueueFields): string {
  const hosts =
    m.sourceHost.id === m.destinationHost.id
      ? m.sourceHost.name
      : `${m.sourceHost.name} or ${m.destinationHost.name}`;
  const limit =
    m.kind === "storage"
      ? "its Simultaneous storage migrations setting allows"
      : m.kind === "shared-nothing"
        ? "its Simultaneous live migrations and Simultaneous storage migrations settings allow"
        : "its Simultaneous live migrations setting allows (between two nodes of one cluster: the cluster's MaximumParallelMigrations)";
  return `Waiting for a free migration slot: ${hosts} is already moving as many VMs as ${limit}.`;
}
