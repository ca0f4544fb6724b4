// Failover Cluster Manager's Live Migration Settings (which cluster networks carry live migrations,
// in which order) and the cluster's MaximumParallelMigrations: the rules and the PowerShell. Pure.
// Where each fact comes from: docs/hyperv.md, "Cluster".
import type { FieldIssue } from "@/lib/http/errors";
import type { Incompatibility } from "@/lib/schemas/migration";
import { psArg, psQuote } from "./powershell";
import { inSubnet } from "./preflight";

export interface ClusterNetworkRow {
  id: number;
  name: string;
  subnet: string;
  /** ClusterAndClient | ClusterOnly | None */
  role: string;
  /** Its place in the live-migration order; null: excluded (unticked). */
  liveMigrationOrder: number | null;
}

/** A line of the Live Migration Settings list: a network, ticked (used) or not, in list order. */
export interface LiveMigrationNetworkChoice {
  id: number;
  used: boolean;
}

/**
 * The networks as the dialog lists them: the ticked ones in their order, then the unticked ones
 * by name (an excluded network has no place in the order to keep).
 */
export function liveMigrationList<T extends ClusterNetworkRow>(
  networks: readonly T[],
): (T & { used: boolean })[] {
  const used = networks
    .filter((n) => n.liveMigrationOrder !== null)
    .sort(
      (a, b) => (a.liveMigrationOrder ?? 0) - (b.liveMigrationOrder ?? 0) || a.name.localeCompare(b.name),
    );
  const excluded = networks
    .filter((n) => n.liveMigrationOrder === null)
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...used.map((n) => ({ ...n, used: true })), ...excluded.map((n) => ({ ...n, used: false }))];
}

/**
 * The order a choice stores: 1, 2, ... for the ticked networks in list order, null for the others.
 * Issues (by field path) when the list is not exactly the cluster's networks or ticks none.
 */
export function orderFromChoice(
  networks: readonly Pick<ClusterNetworkRow, "id" | "name">[],
  choice: readonly LiveMigrationNetworkChoice[],
  path = "liveMigrationNetworks",
): { order: Map<number, number | null>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const known = new Set(networks.map((n) => n.id));
  const seen = new Set<number>();
  choice.forEach((c, i) => {
    if (!known.has(c.id))
      issues.push({ path: `${path}.${i}.id`, message: `The cluster has no network with id ${c.id}.` });
    else if (seen.has(c.id))
      issues.push({ path: `${path}.${i}.id`, message: "Each network can be listed once." });
    seen.add(c.id);
  });
  const missing = networks.filter((n) => !seen.has(n.id));
  if (missing.length > 0) {
    issues.push({
      path,
      message: `List every cluster network, ticked or not; missing: ${missing.map((n) => n.name).join(", ")}.`,
    });
  }
  if (choice.length > 0 && !choice.some((c) => c.used)) {
    issues.push({ path, message: "Tick at least one network for live migration." });
  }
  const order = new Map<number, number | null>();
  let place = 0;
  for (const c of choice) order.set(c.id, c.used ? ++place : null);
  return { order, issues };
}

/**
 * The network a live migration between two nodes uses: the first in the order on which both nodes
 * have an address (Hyper-V tries them in order and takes the first that connects). Null: none.
 */
export function firstAvailableNetwork<T extends ClusterNetworkRow>(
  networks: readonly T[],
  sourceAddresses: readonly string[],
  destinationAddresses: readonly string[],
): T | null {
  const onIt = (addresses: readonly string[], subnet: string) => addresses.some((ip) => inSubnet(ip, subnet));
  for (const n of liveMigrationList(networks)) {
    if (!n.used) break;
    if (onIt(sourceAddresses, n.subnet) && onIt(destinationAddresses, n.subnet)) {
      return networks.find((x) => x.id === n.id) ?? null;
    }
  }
  return null;
}

/**
 * A live migration between two nodes that share no ticked network cannot connect (lab text: the
 * failure Hyper-V logs then is a connection timeout, 0x8007274C).
 */
export function noLiveMigrationNetwork(
  cluster: string,
  source: string,
  destination: string,
): Incompatibility {
  return {
    level: "error",
    rule: "live-migration-network",
    source: destination,
    message: `No network of cluster '${cluster}' that both ${source} and ${destination} are on is enabled for live migration.`,
    messageId: 0,
    hint: `Tick a network both nodes have an address on in ${cluster}'s Settings > Live migration networks.`,
  };
}

export interface ClusterSettingsChange {
  cluster: string;
  /** The new MaximumParallelMigrations, when it changes. */
  maxParallelMigrations?: number;
  /** The whole list in its new order, when the order or a tick changes. */
  networks?: readonly { name: string; used: boolean }[];
}

/**
 * The PowerShell of a change, as "View PowerShell scripts" shows it: the cluster common property,
 * and the Virtual Machine resource type's MigrationNetworkOrder and MigrationExcludeNetworks (both
 * hold cluster network ids joined by semicolons, so the script looks the ids up by name).
 */
export function clusterSettingsScript(change: ClusterSettingsChange): string {
  const cluster = psArg(change.cluster);
  const lines: string[] = [];
  if (change.maxParallelMigrations !== undefined) {
    lines.push(`(Get-Cluster -Name ${cluster}).MaximumParallelMigrations = ${change.maxParallelMigrations}`);
  }
  if (change.networks) {
    const names = (list: readonly { name: string }[]) => list.map((n) => psQuote(n.name)).join(", ");
    const ids = (list: readonly { name: string }[]) =>
      list.length === 0
        ? "''"
        : `((${names(list)}) | ForEach-Object { (Get-ClusterNetwork -Cluster ${cluster} -Name $_).Id }) -join ';'`;
    const used = change.networks.filter((n) => n.used);
    const excluded = change.networks.filter((n) => !n.used);
    lines.push(
      `$vmType = Get-ClusterResourceType -Cluster ${cluster} -Name 'Virtual Machine'`,
      `$vmType | Set-ClusterParameter -Name MigrationNetworkOrder -Value (${ids(used)})`,
      `$vmType | Set-ClusterParameter -Name MigrationExcludeNetworks -Value (${ids(excluded)})`,
    );
  }
  return lines.join("\n");
}
