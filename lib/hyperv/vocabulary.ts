// Hyper-V's words and defaults, in one place: the server's texts, the seed and the screens import
// them from here. Where each comes from: docs/hyperv.md.
import type { MigrationKind, StartedFrom } from "@/lib/schemas/migration";

/** The service named on a computer account's Delegation tab for live migration. */
export const MIGRATION_SERVICE = "Microsoft Virtual System Migration Service";
/** The delegation a move that copies storage also needs. */
export const CIFS_SERVICE = "cifs";

/** Event Viewer channels (Applications and Services Logs > Microsoft > Windows > ...). */
export const CHANNEL = {
  vmms: "Microsoft-Windows-Hyper-V-VMMS-Admin",
  worker: "Microsoft-Windows-Hyper-V-Worker-Admin",
  highAvailability: "Microsoft-Windows-Hyper-V-High-Availability-Admin",
  /** The Cluster service's own log: node pause, drain and resume, role moves, cluster properties. */
  failoverClustering: "Microsoft-Windows-FailoverClustering/Operational",
  /** The lab's own entries, for what only the lab does (faults, a restart of the lab's server). */
  lab: "Live Migration Lab",
} as const;
export type Channel = (typeof CHANNEL)[keyof typeof CHANNEL];

/** "Simultaneous live migrations" and "Simultaneous storage migrations" out of the box. */
export const DEFAULT_MAX_LIVE_MIGRATIONS = 2;
export const DEFAULT_MAX_STORAGE_MIGRATIONS = 2;

/** The kind of move as Hyper-V Manager and Failover Cluster Manager name it. */
export const KIND_LABELS: Record<MigrationKind, string> = {
  live: "Live migration",
  "shared-nothing": "Shared-nothing live migration",
  storage: "Storage migration",
  quick: "Quick migration",
};

/** The kind inside a sentence: "a shared-nothing live migration". */
export function kindPhrase(kind: MigrationKind): string {
  return KIND_LABELS[kind].toLowerCase();
}

/** What Hyper-V's own events call the move: a shared-nothing move is a "live migration" there. */
export function eventMoveWords(kind: MigrationKind): string {
  return kind === "shared-nothing" ? kindPhrase("live") : kindPhrase(kind);
}

/** Where a move was started from, as the Move pane and the migration page name it. */
export function startedFromLabel(from: StartedFrom, sourceHost: string): string {
  switch (from) {
    case "admin-center":
      return "This gateway (Admin Center)";
    case "source-session":
      return `A session signed in on the source host (${sourceHost})`;
    case "failover-cluster-manager":
      return "Failover Cluster Manager";
    case "hyper-v-manager":
      return "Hyper-V Manager";
    case "powershell":
      return "PowerShell";
  }
}

/** The start as the end of a sentence: "..., started from this gateway (Admin Center)." */
export function startedFromPhrase(from: StartedFrom, sourceHost: string): string {
  const label = startedFromLabel(from, sourceHost);
  return from === "admin-center" || from === "source-session"
    ? label.charAt(0).toLowerCase() + label.slice(1)
    : label;
}
