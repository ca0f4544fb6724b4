// The PowerShell a planned move is equivalent to, as WAC's "View PowerShell scripts" shows it.
import type { MigrationKind, StartedFrom } from "@/lib/schemas/migration";

export interface PowerShellPlan {
  kind: MigrationKind;
  vmName: string;
  sourceHost: string;
  destinationHost: string;
  /** The VM's cluster, for the cluster kinds. */
  clusterName: string | null;
  startedFrom: StartedFrom;
  /** Destination folder when storage moves; null when it does not. */
  storagePath: string | null;
  /** VM switch name -> destination switch name; identity entries are ignored. */
  switchMap: Record<string, string>;
  /** Switches on the source host: a cluster move can reconnect an adapter there before it moves. */
  sourceSwitches: string[];
}

/** A PowerShell argument: bare when it is a plain word, else single-quoted with ' doubled. */
export function psArg(value: string): string {
  return /^[A-Za-z0-9_.\\:-]+$/.test(value) && !/^[-]/.test(value) ? value : psQuote(value);
}

export function psQuote(value: string): string {
  return `'${value.replaceAll("'", "''").replaceAll("\u2018", "\u2018\u2018").replaceAll("\u2019", "\u2019\u2019")}'`;
}

const remote = (p: PowerShellPlan) =>
  p.startedFrom === "admin-center" ? ` -ComputerName ${psArg(p.sourceHost)}` : "";

function mappings(p: PowerShellPlan): [string, string][] {
  return Object.entries(p.switchMap).filter(([from, to]) => from.toLowerCase() !== to.toLowerCase());
}

/** Move-VM (shared-nothing) with the documented switch mapping: Compare-VM, fix the report, move it. */
function moveVm(p: PowerShellPlan): string {
  const storage = p.storagePath ? ` -IncludeStorage -DestinationStoragePath ${psQuote(p.storagePath)}` : "";
  const target = `-Name ${psArg(p.vmName)} -DestinationHost ${psArg(p.destinationHost)}${storage}${remote(p)}`;
  const map = mappings(p);
  if (map.length === 0) return `Move-VM ${target}`;
  const lines = [`$report = Compare-VM ${target}`];
  for (const [from, to] of map) {
    lines.push(
      `$report.Incompatibilities | Where-Object { $_.MessageId -eq 33012 -and $_.Source.SwitchName -eq ${psQuote(from)} } |`,
      `  ForEach-Object { $_.Source | Connect-VMNetworkAdapter -SwitchName ${psQuote(to)} }`,
    );
  }
  lines.push("Compare-VM -CompatibilityReport $report", "Move-VM -CompatibilityReport $report");
  return lines.join("\n");
}

/**
 * Move-ClusterVirtualMachineRole has no switch mapping: an adapter is reconnected on the source
 * first when the new switch exists there, else disconnected and connected again on the destination.
 */
function moveClusterRole(p: PowerShellPlan): string {
  const vm = psArg(p.vmName);
  const cluster = p.clusterName ? ` -Cluster ${psArg(p.clusterName)}` : "";
  const type = p.kind === "quick" ? "Quick" : "Live";
  const before: string[] = [];
  const after: string[] = [];
  const adapters = (host: string, from: string) =>
    `Get-VMNetworkAdapter -VMName ${vm} -ComputerName ${psArg(host)} | Where-Object SwitchName -eq ${psQuote(from)}`;
  for (const [from, to] of mappings(p)) {
    if (p.sourceSwitches.some((s) => s.toLowerCase() === to.toLowerCase())) {
      before.push(`${adapters(p.sourceHost, from)} | Connect-VMNetworkAdapter -SwitchName ${psQuote(to)}`);
    } else {
      before.push(`${adapters(p.sourceHost, from)} | Disconnect-VMNetworkAdapter`);
      after.push(
        `Get-VMNetworkAdapter -VMName ${vm} -ComputerName ${psArg(p.destinationHost)} | Where-Object { -not $_.SwitchName } | Connect-VMNetworkAdapter -SwitchName ${psQuote(to)}`,
      );
    }
  }
  const move = `Move-ClusterVirtualMachineRole -Name ${vm} -Node ${psArg(p.destinationHost)} -MigrationType ${type}${cluster}`;
  return [...before, move, ...after].join("\n");
}

export function powershellFor(p: PowerShellPlan): string {
  switch (p.kind) {
    case "live":
    case "quick":
      return moveClusterRole(p);
    case "shared-nothing":
      return moveVm(p);
    case "storage":
      return `Move-VMStorage -VMName ${psArg(p.vmName)} -DestinationStoragePath ${psQuote(p.storagePath ?? "")}${remote(p)}`;
  }
}
