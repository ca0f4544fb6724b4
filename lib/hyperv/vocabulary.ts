// Hyper-V's words and defaults, in one place: the server's texts, the seed and the screens import
// them from here. Where each comes from: docs/hyperv.md.
import type { MigrationKind, StartedFrom } from "@/lib/schemas/migration";

/** The service named on a computer account's Delegation tab for live migration. */
export const MIGRATION_SERVICE = "Microsoft Virtual System Migration Service";
/** The delegation a move that copies storage also needs. */
export const CIFS_SERVICE = "cifs";

/** A computer account's Delegation tab (Active Directory Users and Computers), in its words. */
export const DELEGATION_MODES = ["none", "any-service", "specified"] as const;
export type DelegationMode = (typeof DELEGATION_MODES)[number];
export const DELEGATION_LABELS: Record<DelegationMode, string> = {
  none: "Do not trust this computer for delegation",
  "any-service": "Trust this computer for delegation to any service (Kerberos only)",
  specified: "Trust this computer for delegation to specified services only",
};
export const PROTOCOL_LABELS = {
  kerberos: "Use Kerberos only",
  any: "Use any authentication protocol",
} as const;
/** The services a Hyper-V host delegates for moves: the VM (migration service) and its files (cifs). */
export const DELEGABLE_SERVICES = [MIGRATION_SERVICE, CIFS_SERVICE] as const;
export type DelegableService = (typeof DELEGABLE_SERVICES)[number];

/** Event Viewer channels (Applications and Services Logs > Microsoft > Windows > ...). */
export const CHANNEL = {
  vmms: "Microsoft-Windows-Hyper-V-VMMS-Admin",
  worker: "Microsoft-Windows-Hyper-V-Worker-Admin",
  highAvailability: "Microsoft-Windows-Hyper-V-High-Availability-Admin",
  failoverClustering: "Microsoft-Windows-FailoverClustering/Operational",
  /** The lab's own entries, for what only the lab does (faults, a restart of the lab's server). */
  lab: "Live Migration Lab",
} as const;
export type Channel = (typeof CHANNEL)[keyof typeof CHANNEL];

/** The logs the Events tool offers first, by the short names of Event Viewer's tree. */
export const EVENT_LOGS: readonly { channel: string; label: string }[] = [
  { channel: CHANNEL.vmms, label: "Hyper-V-VMMS-Admin" },
  { channel: CHANNEL.worker, label: "Hyper-V-Worker-Admin" },
  { channel: CHANNEL.highAvailability, label: "Hyper-V-High-Availability-Admin" },
  { channel: CHANNEL.failoverClustering, label: "FailoverClustering/Operational" },
  { channel: CHANNEL.lab, label: "Live Migration Lab" },
];

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

/**
 * Whether a move started this way is run by the Cluster service: Failover Cluster Manager, and
 * PowerShell for the cluster kinds (the script is Move-ClusterVirtualMachineRole, which hands the
 * move to the cluster). Move-VM, Hyper-V Manager and a session on the host talk to the host's VMMS.
 */
export function throughClusterService(from: StartedFrom, kind: MigrationKind): boolean {
  if (from === "failover-cluster-manager") return true;
  return from === "powershell" && (kind === "live" || kind === "quick");
}
