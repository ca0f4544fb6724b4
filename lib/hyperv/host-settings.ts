// Hyper-V Host Settings as Windows Admin Center's Settings tool groups them (Live Migration,
// Advanced, Storage Migration) plus the lab's own knobs, and what a change between two sets of
// them is. Pure: the form, the server's write and the PowerShell preview all use it.
import type { AUTH_PROTOCOLS, PERFORMANCE_OPTIONS } from "@/lib/schemas/host";
import { DEFAULT_MAX_LIVE_MIGRATIONS, DEFAULT_MAX_STORAGE_MIGRATIONS } from "./vocabulary";

export type AuthProtocol = (typeof AUTH_PROTOCOLS)[number];
export type PerformanceOption = (typeof PERFORMANCE_OPTIONS)[number];

export interface MigrationNetworkSetting {
  subnet: string;
  priority: number;
}

/** Hyper-V Settings > Live Migrations and Storage Migrations, and the lab's pass cap. */
export interface HostMigrationSettings {
  enabled: boolean;
  maxLiveMigrations: number;
  maxStorageMigrations: number;
  authentication: AuthProtocol;
  performanceOption: PerformanceOption;
  useAnyNetwork: boolean;
  networks: MigrationNetworkSetting[];
  /** Lab only: the pre-copy pass cap (Hyper-V has no such setting). */
  maxPasses: number;
}

/** Hyper-V's defaults for a host that has never been configured (docs/hyperv.md). */
export const DEFAULT_HOST_SETTINGS: HostMigrationSettings = {
  enabled: false,
  maxLiveMigrations: DEFAULT_MAX_LIVE_MIGRATIONS,
  maxStorageMigrations: DEFAULT_MAX_STORAGE_MIGRATIONS,
  authentication: "CredSSP",
  performanceOption: "Compression",
  useAnyNetwork: true,
  networks: [],
  maxPasses: 10,
};

/** The words Hyper-V Manager and Admin Center show for each choice. */
export const AUTH_LABELS: Record<AuthProtocol, string> = {
  CredSSP: "Use Credential Security Support Provider (CredSSP)",
  Kerberos: "Use Kerberos",
};
export const PERFORMANCE_LABELS: Record<PerformanceOption, string> = {
  TCPIP: "TCP/IP",
  Compression: "Compression",
  SMB: "SMB",
};

/** The incoming networks as Hyper-V orders them: by priority (lower first), then by subnet. */
export function byPriority(networks: readonly MigrationNetworkSetting[]): MigrationNetworkSetting[] {
  return [...networks].sort((a, b) => a.priority - b.priority || a.subnet.localeCompare(b.subnet));
}

export interface NetworkChanges {
  added: MigrationNetworkSetting[];
  removed: string[];
  /** Same subnet, new priority. */
  reprioritised: MigrationNetworkSetting[];
}

/** The subnets added, removed and given a new priority (a subnet is the list's key). */
export function networkChanges(
  before: readonly MigrationNetworkSetting[],
  after: readonly MigrationNetworkSetting[],
): NetworkChanges {
  const old = new Map(before.map((n) => [n.subnet, n.priority]));
  const now = new Map(after.map((n) => [n.subnet, n.priority]));
  return {
    added: byPriority(after.filter((n) => !old.has(n.subnet))),
    removed: before.filter((n) => !now.has(n.subnet)).map((n) => n.subnet),
    reprioritised: byPriority(after.filter((n) => old.has(n.subnet) && old.get(n.subnet) !== n.priority)),
  };
}

/** The fields of Set-VMHost / the form that differ, networks aside. */
export type ScalarSetting = Exclude<keyof HostMigrationSettings, "networks">;

export function changedSettings(
  before: HostMigrationSettings,
  after: HostMigrationSettings,
): ScalarSetting[] {
  const keys: ScalarSetting[] = [
    "enabled",
    "maxLiveMigrations",
    "maxStorageMigrations",
    "authentication",
    "performanceOption",
    "useAnyNetwork",
    "maxPasses",
  ];
  return keys.filter((k) => before[k] !== after[k]);
}

/** Whether anything differs, the network list included (its order is its priorities). */
export function settingsDiffer(before: HostMigrationSettings, after: HostMigrationSettings): boolean {
  const n = networkChanges(before.networks, after.networks);
  return (
    changedSettings(before, after).length > 0 ||
    n.added.length + n.removed.length + n.reprioritised.length > 0
  );
}

/**
 * Reorders the incoming networks as Move up / Move down do: the two rows trade places and
 * priorities, so the list stays in priority order. When both share a priority, the one that ends
 * lower in the list gets the next number, so the new order means something to Hyper-V too.
 */
export function moveNetwork<T extends { priority: number }>(
  rows: readonly T[],
  index: number,
  by: -1 | 1,
): T[] {
  const other = index + by;
  const a = rows[index];
  const b = rows[other];
  if (!a || !b) return [...rows];
  const out = [...rows];
  // After the move, `first` is the upper of the two rows and `second` the lower one.
  const [first, second] = by < 0 ? [a, b] : [b, a];
  const [p1, p2] = [Math.min(a.priority, b.priority), Math.max(a.priority, b.priority)];
  const upper = { ...first, priority: p1 };
  const lower = { ...second, priority: p1 === p2 ? p2 + 1 : p2 };
  const top = Math.min(index, other);
  out[top] = upper;
  out[top + 1] = lower;
  return out;
}

/** The priority a newly added subnet gets: one after the last, as a new row goes to the end. */
export function nextPriority(rows: readonly { priority: number }[]): number {
  return rows.reduce((max, r) => Math.max(max, Number.isFinite(r.priority) ? r.priority : 0), 0) + 1;
}
