import type { MigrationKind } from "@/lib/schemas/migration";

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
