import type { MigrationKind, StartedFrom } from "@/lib/schemas/migration";

// The Move pane's words, in one place so the steps and the review say the same thing.

export function kindLabel(kind: MigrationKind, clusterName?: string | null): string {
  switch (kind) {
    case "live":
      return `Live migration (to another node of ${clusterName ?? "the cluster"})`;
    case "shared-nothing":
      return "Shared-nothing live migration (to another server)";
    case "storage":
      return "Storage only";
    case "quick":
      return "Quick migration";
  }
}

/** The kind as a noun in the review's summary sentence. */
export const KIND_NOUN: Record<MigrationKind, string> = {
  live: "Live migration",
  "shared-nothing": "Shared-nothing live migration",
  storage: "Storage migration",
  quick: "Quick migration",
};

export function kindDescription(kind: MigrationKind, hostName: string): string {
  switch (kind) {
    case "live":
      return "Memory and device state move over the network while the VM runs; its files stay on the cluster shared volume. The pause at the end is under a second.";
    case "shared-nothing":
      return "Memory, state and the virtual hard disks all move over the network to a server that shares no storage with this one. No downtime.";
    case "storage":
      return `The VM keeps running on ${hostName}; its virtual hard disks and configuration move to another folder.`;
    case "quick":
      return "The cluster saves the VM, moves it and restores it: clients are disconnected for about a minute.";
  }
}

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

/** "the dirty set shrank ..." reads as a sentence once capitalised. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
