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
