// The PowerShell a planned move is equivalent to, as WAC's "View PowerShell scripts" shows it.
import type { MigrationKind, StartedFrom } from "@/lib/schemas/migration";
import type { VmAction } from "@/lib/schemas/vm";
import { type DelegatedService, type DelegationState, spnsOf } from "./delegation";
import { byPriority, changedSettings, type HostMigrationSettings, networkChanges } from "./host-settings";

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

/** An address or subnet: bare when it is a plain IPv4 address or CIDR (192.168.10.0/24), else quoted. */
export function psSubnet(value: string): string {
  return /^[0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9]{1,2})?$/.test(value) ? value : psQuote(value);
}

export const psBool = (value: boolean) => (value ? "$true" : "$false");

// ---- Hyper-V Host Settings (Enable-VMMigration, Set-VMHost, *-VMMigrationNetwork) -----------------

/**
 * The script that turns `before` into `after` on `host`, one cmdlet per line, as the Settings tool
 * shows it before Save. Empty when nothing Hyper-V knows changed; the lab-only pass cap is a comment.
 */
export function hostSettingsPowerShell(
  host: string,
  before: HostMigrationSettings,
  after: HostMigrationSettings,
): string {
  const on = ` -ComputerName ${psArg(host)}`;
  const changed = new Set(changedSettings(before, after));
  const lines: string[] = [];
  if (changed.has("enabled")) lines.push(`${after.enabled ? "Enable" : "Disable"}-VMMigration${on}`);
  const set: string[] = [];
  if (changed.has("maxLiveMigrations"))
    set.push(`-MaximumVirtualMachineMigrations ${after.maxLiveMigrations}`);
  if (changed.has("authentication")) {
    set.push(`-VirtualMachineMigrationAuthenticationType ${after.authentication}`);
  }
  if (changed.has("performanceOption")) {
    set.push(`-VirtualMachineMigrationPerformanceOption ${after.performanceOption}`);
  }
  if (changed.has("maxStorageMigrations"))
    set.push(`-MaximumStorageMigrations ${after.maxStorageMigrations}`);
  if (changed.has("useAnyNetwork")) set.push(`-UseAnyNetworkForMigration ${psBool(after.useAnyNetwork)}`);
  if (set.length > 0) lines.push(`Set-VMHost ${set.join(" ")}${on}`);
  const networks = networkChanges(before.networks, after.networks);
  for (const subnet of networks.removed) lines.push(`Remove-VMMigrationNetwork ${psSubnet(subnet)}${on}`);
  for (const n of networks.reprioritised) {
    lines.push(`Set-VMMigrationNetwork ${psSubnet(n.subnet)} -NewPriority ${n.priority}${on}`);
  }
  for (const n of networks.added) {
    lines.push(`Add-VMMigrationNetwork ${psSubnet(n.subnet)} -Priority ${n.priority}${on}`);
  }
  if (changed.has("maxPasses")) {
    lines.push(`# Lab only, no Hyper-V setting: pre-copy pass cap ${before.maxPasses} -> ${after.maxPasses}`);
  }
  return lines.join("\n");
}

/** Every setting of the tool as one script: what "View PowerShell scripts" offers to re-apply. */
export function hostSettingsFullPowerShell(host: string, s: HostMigrationSettings): string {
  const on = ` -ComputerName ${psArg(host)}`;
  return [
    `${s.enabled ? "Enable" : "Disable"}-VMMigration${on}`,
    `Set-VMHost -MaximumVirtualMachineMigrations ${s.maxLiveMigrations} -VirtualMachineMigrationAuthenticationType ${s.authentication} -VirtualMachineMigrationPerformanceOption ${s.performanceOption} -MaximumStorageMigrations ${s.maxStorageMigrations} -UseAnyNetworkForMigration ${psBool(s.useAnyNetwork)}${on}`,
    `Get-VMMigrationNetwork${on} | ForEach-Object { Remove-VMMigrationNetwork $_.Subnet${on} }`,
    ...byPriority(s.networks).map(
      (n) => `Add-VMMigrationNetwork ${psSubnet(n.subnet)} -Priority ${n.priority}${on}`,
    ),
  ].join("\n");
}

/** Reads the settings back, as the tool shows them. */
export function hostSettingsReadPowerShell(host: string): string {
  const on = ` -ComputerName ${psArg(host)}`;
  return [
    `Get-VMHost${on} | Select-Object VirtualMachineMigrationEnabled, MaximumVirtualMachineMigrations, VirtualMachineMigrationAuthenticationType, VirtualMachineMigrationPerformanceOption, UseAnyNetworkForMigration, MaximumStorageMigrations`,
    `Get-VMMigrationNetwork${on} | Sort-Object Priority`,
  ].join("\n");
}

/** Drops the host's own (LocalSystem) Kerberos tickets, so its next ticket carries AD's changes. */
export function purgeTicketsPowerShell(host: string): string {
  return `Invoke-Command -ComputerName ${psArg(host)} -ScriptBlock { klist purge -li 0x3e7 }`;
}

// ---- Active Directory: a computer account's delegation (Set-ADComputer, Set-ADAccountControl) -----

const DELEGATE_TO = "'msDS-AllowedToDelegateTo'";

function spnList(
  services: readonly DelegatedService[],
  hosts: ReadonlyMap<number, { name: string; fqdn: string }>,
) {
  return services
    .flatMap((s) => {
      const host = hosts.get(s.toHostId);
      return host ? spnsOf(s.service, host) : [];
    })
    .map(psQuote)
    .join(",");
}

/**
 * The script that turns the Delegation tab from `before` into `after` for computer `account`:
 * the account-control flags (any service: TrustedForDelegation; any protocol:
 * TrustedToAuthForDelegation), then the SPNs of msDS-AllowedToDelegateTo removed and added.
 */
export function delegationPowerShell(
  account: string,
  hosts: ReadonlyMap<number, { name: string; fqdn: string }>,
  before: DelegationState,
  after: DelegationState,
): string {
  const id = `-Identity ${psArg(account)}`;
  const flags = (d: DelegationState) => ({
    TrustedForDelegation: d.mode === "any-service",
    TrustedToAuthForDelegation: d.mode === "specified" && d.anyProtocol,
  });
  const [was, now] = [flags(before), flags(after)];
  const changedFlags = (Object.keys(now) as (keyof typeof now)[])
    .filter((k) => was[k] !== now[k])
    .map((k) => `-${k} ${psBool(now[k])}`);
  const lines: string[] = [];
  if (changedFlags.length > 0)
    lines.push(`Get-ADComputer ${id} | Set-ADAccountControl ${changedFlags.join(" ")}`);
  const key = (s: DelegatedService) => `${s.service.toLowerCase()}\u0000${s.toHostId}`;
  const kept = (d: DelegationState) => (d.mode === "specified" ? d.services : []);
  const oldKeys = new Set(kept(before).map(key));
  const newKeys = new Set(kept(after).map(key));
  const removed = kept(before).filter((s) => !newKeys.has(key(s)));
  const added = kept(after).filter((s) => !oldKeys.has(key(s)));
  if (removed.length > 0)
    lines.push(`Set-ADComputer ${id} -Remove @{${DELEGATE_TO}=${spnList(removed, hosts)}}`);
  if (added.length > 0) lines.push(`Set-ADComputer ${id} -Add @{${DELEGATE_TO}=${spnList(added, hosts)}}`);
  return lines.join("\n");
}

/** Reads an account's Delegation tab back. */
export function delegationReadPowerShell(account: string): string {
  return `Get-ADComputer -Identity ${psArg(account)} -Properties TrustedForDelegation, TrustedToAuthForDelegation, msDS-AllowedToDelegateTo | Select-Object Name, TrustedForDelegation, TrustedToAuthForDelegation, msDS-AllowedToDelegateTo`;
}

// ---- The Virtual machines tool: power actions and settings (Start-VM, Stop-VM, Set-VMProcessor, ...) --

export interface VmScriptTarget {
  name: string;
  host: string;
}

/** The settings a script can state as they are (VM details knows them; the inventory does not). */
export interface VmScriptSettings {
  vcpus: number;
  memoryMiB: number;
  dynamicMemory: boolean;
}

const POWER_CMDLETS: Record<VmAction, string> = {
  start: "Start-VM",
  shutdown: "Stop-VM",
  turnoff: "Stop-VM",
  pause: "Suspend-VM",
  resume: "Resume-VM",
  save: "Save-VM",
};

/** Without a VM chosen, a script takes the VMs and their host as parameters. */
const VM_PARAMS = "[Parameter(Mandatory)][string[]]$Name, [string]$ComputerName = 'localhost'";

/**
 * One line per host for the chosen VMs (each cmdlet takes a list of names), or a script with
 * parameters when none is chosen. `line` gets the names and host as PowerShell arguments; `params`
 * are the script's own parameters (a value the caller does not know).
 */
function perHost(
  vms: readonly VmScriptTarget[],
  line: (names: string, host: string) => string,
  params: string[] = [],
): string {
  if (vms.length === 0)
    return `param(${[VM_PARAMS, ...params].join(", ")})\n${line("$Name", "$ComputerName")}`;
  const byHost = new Map<string, string[]>();
  for (const vm of vms) byHost.set(vm.host, [...(byHost.get(vm.host) ?? []), vm.name]);
  const body = [...byHost].map(([host, names]) => line(names.map(psArg).join(", "), psArg(host))).join("\n");
  return params.length > 0 ? `param(${params.join(", ")})\n${body}` : body;
}

/** A size in MiB as a PowerShell literal: 8GB, 1536MB. */
export function psMiB(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024}GB` : `${mib}MB`;
}

/** A power action on the VMs: Start-VM, Stop-VM (-TurnOff), Suspend-VM, Resume-VM, Save-VM. */
export function vmActionPowerShell(action: VmAction, vms: readonly VmScriptTarget[]): string {
  const extra = action === "turnoff" ? " -TurnOff" : "";
  return perHost(
    vms,
    (names, host) => `${POWER_CMDLETS[action]} -Name ${names}${extra} -ComputerName ${host}`,
  );
}

/** Processor compatibility ("Migrate to a physical computer with a different processor version"). */
export function processorCompatibilityPowerShell(vms: readonly VmScriptTarget[], on: boolean): string {
  return perHost(
    vms,
    (names, host) =>
      `Set-VMProcessor -VMName ${names} -CompatibilityForMigrationEnabled ${psBool(on)} -ComputerName ${host}`,
  );
}

/** Virtual processors and startup memory: the VM's values when known, else parameters. */
export function vmSettingsPowerShell(
  vm: VmScriptTarget | null,
  settings: VmScriptSettings | null,
): { processors: string; memory: string } {
  if (vm && settings) {
    return {
      processors: `Set-VMProcessor -VMName ${psArg(vm.name)} -Count ${settings.vcpus} -ComputerName ${psArg(vm.host)}`,
      memory: `Set-VMMemory -VMName ${psArg(vm.name)} -DynamicMemoryEnabled ${psBool(settings.dynamicMemory)} -StartupBytes ${psMiB(settings.memoryMiB)} -ComputerName ${psArg(vm.host)}`,
    };
  }
  const target = vm ? [vm] : [];
  return {
    processors: perHost(
      target,
      (names, host) => `Set-VMProcessor -VMName ${names} -Count $Count -ComputerName ${host}`,
      ["[Parameter(Mandatory)][int]$Count"],
    ),
    memory: perHost(
      target,
      (names, host) =>
        `Set-VMMemory -VMName ${names} -DynamicMemoryEnabled $DynamicMemoryEnabled -StartupBytes $StartupBytes -ComputerName ${host}`,
      ["[Parameter(Mandatory)][long]$StartupBytes", "[bool]$DynamicMemoryEnabled = $false"],
    ),
  };
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
