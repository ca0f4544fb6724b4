// The PowerShell each estate-building form corresponds to, shown beside the form ("View PowerShell
// script") and in the guided lab. Cmdlets and parameters: docs/hyperv.md, "PowerShell".
import type { WitnessChoice } from "./cluster-validation";
import { psArg, psQuote } from "./powershell";

/** A size in bytes as PowerShell writes it: 127GB, 3584MB (whole units only). */
export function psBytes(mib: number): string {
  if (mib % (1024 * 1024) === 0) return `${mib / (1024 * 1024)}TB`;
  if (mib % 1024 === 0) return `${mib / 1024}GB`;
  return `${mib}MB`;
}

const list = (values: string[]) => values.map(psArg).join(",");

export function testClusterScript(nodes: string[]): string {
  return `Test-Cluster -Node ${list(nodes)}`;
}

export interface NewClusterPlan {
  name: string;
  nodes: string[];
  staticAddress: string;
  witness: WitnessChoice;
  /** The cluster disk that becomes the disk witness ("Cluster Disk 1"), when witness.type is disk. */
  witnessDiskName?: string;
  /** No disk is reachable from every node: New-Cluster -NoStorage. */
  noStorage: boolean;
}

export function newClusterScript(p: NewClusterPlan): string {
  const lines = [
    testClusterScript(p.nodes),
    `New-Cluster -Name ${psArg(p.name)} -Node ${list(p.nodes)} -StaticAddress ${p.staticAddress}${p.noStorage ? " -NoStorage" : ""}`,
  ];
  const cluster = `-Cluster ${psArg(p.name)}`;
  if (p.witness.type === "disk") {
    lines.push(`Set-ClusterQuorum ${cluster} -DiskWitness ${psQuote(p.witnessDiskName ?? "Cluster Disk 1")}`);
  } else if (p.witness.type === "fileShare") {
    lines.push(`Set-ClusterQuorum ${cluster} -FileShareWitness ${psQuote(p.witness.path)}`);
  } else {
    lines.push(`Set-ClusterQuorum ${cluster} -NoWitness`);
  }
  return lines.join("\n");
}

export function newIscsiVirtualDiskScript(p: {
  server: string;
  path: string;
  sizeGiB: number;
  type: "Fixed" | "Dynamic";
}): string {
  const fixed = p.type === "Fixed" ? " -UseFixed" : "";
  return `New-IscsiVirtualDisk -Path ${psQuote(p.path)} -SizeBytes ${psBytes(p.sizeGiB * 1024)}${fixed} -ComputerName ${psArg(p.server)}`;
}

const initiatorIds = (iqns: string[]) => iqns.map((iqn) => psQuote(`IQN:${iqn}`)).join(",");

export function newIscsiTargetScript(p: {
  server: string;
  name: string;
  initiators: string[];
  virtualDiskPaths: string[];
}): string {
  const lines = [
    `New-IscsiServerTarget -TargetName ${psArg(p.name)} -InitiatorIds ${initiatorIds(p.initiators)} -ComputerName ${psArg(p.server)}`,
  ];
  for (const path of p.virtualDiskPaths) lines.push(mappingScript({ ...p, path }));
  return lines.join("\n");
}

function mappingScript(p: { server: string; name: string; path: string }): string {
  return `Add-IscsiVirtualDiskTargetMapping -TargetName ${psArg(p.name)} -Path ${psQuote(p.path)} -ComputerName ${psArg(p.server)}`;
}

export function addMappingScript(p: { server: string; target: string; path: string }): string {
  return mappingScript({ server: p.server, name: p.target, path: p.path });
}

export function setTargetInitiatorsScript(p: {
  server: string;
  target: string;
  initiators: string[];
}): string {
  return `Set-IscsiServerTarget -TargetName ${psArg(p.target)} -InitiatorIds ${initiatorIds(p.initiators)} -ComputerName ${psArg(p.server)}`;
}

export function removeVirtualDiskScript(p: { server: string; path: string }): string {
  return `Remove-IscsiVirtualDisk -Path ${psQuote(p.path)} -ComputerName ${psArg(p.server)}`;
}

export function removeTargetScript(p: { server: string; target: string }): string {
  return `Remove-IscsiServerTarget -TargetName ${psArg(p.target)} -ComputerName ${psArg(p.server)}`;
}

export function dataDiskOfflineScript(p: { server: string; number: number; offline: boolean }): string {
  return `Set-Disk -Number ${p.number} -IsOffline $${p.offline} -CimSession ${psArg(p.server)}`;
}

// ---- the initiator on a node (the iSCSI module's cmdlets take -CimSession <computer>) ----------

export function discoverPortalScript(p: { node: string; address: string }): string {
  return `New-IscsiTargetPortal -TargetPortalAddress ${p.address} -CimSession ${psArg(p.node)}`;
}

export function connectTargetScript(p: { node: string; targetIqn: string; portal: string }): string {
  return `Connect-IscsiTarget -NodeAddress ${psArg(p.targetIqn)} -TargetPortalAddress ${p.portal} -IsPersistent $true -CimSession ${psArg(p.node)}`;
}

export function disconnectTargetScript(p: { node: string; targetIqn: string }): string {
  return `Disconnect-IscsiTarget -NodeAddress ${psArg(p.targetIqn)} -Confirm:$false -CimSession ${psArg(p.node)}`;
}

/** Brings the target's disk online on the node; the first time also initializes and formats it. */
export function bringDiskOnlineScript(p: {
  node: string;
  targetIqn: string;
  label: string;
  format: boolean;
}): string {
  const lines = [
    `$disk = Get-IscsiSession -CimSession ${psArg(p.node)} | Where-Object TargetNodeAddress -eq ${psQuote(p.targetIqn)} | Get-Disk`,
    "$disk | Set-Disk -IsOffline $false",
  ];
  if (p.format) {
    lines.push(
      "$disk | Initialize-Disk -PartitionStyle GPT",
      `$disk | New-Partition -UseMaximumSize | Format-Volume -FileSystem NTFS -NewFileSystemLabel ${psQuote(p.label)}`,
    );
  }
  return lines.join("\n");
}

// ---- the cluster's storage ----------------------------------------------------------------------

export function addClusterDiskScript(p: { cluster: string }): string {
  return `Get-ClusterAvailableDisk -Cluster ${psArg(p.cluster)} | Add-ClusterDisk`;
}

export function removeClusterDiskScript(p: { cluster: string; disk: string }): string {
  return `Remove-ClusterResource -Name ${psQuote(p.disk)} -Cluster ${psArg(p.cluster)} -Force`;
}

export function addCsvScript(p: { cluster: string; disk: string }): string {
  return `Add-ClusterSharedVolume -Name ${psQuote(p.disk)} -Cluster ${psArg(p.cluster)}`;
}

export function removeCsvScript(p: { cluster: string; disk: string }): string {
  return `Remove-ClusterSharedVolume -Name ${psQuote(p.disk)} -Cluster ${psArg(p.cluster)}`;
}

// ---- a new virtual machine ----------------------------------------------------------------------

export interface NewVmPlan {
  name: string;
  host: string;
  generation: 1 | 2;
  memoryMiB: number;
  dynamicMemory: { minimumMiB: number; maximumMiB: number } | null;
  vcpus: number;
  switchName: string | null;
  /** The folder the VM's files go in (New-VM -Path). */
  folder: string;
  vhdPath: string;
  vhdSizeGiB: number;
  /** The cluster the VM becomes a role of (Add-ClusterVirtualMachineRole), or null. */
  cluster: string | null;
}

export function newVmScript(p: NewVmPlan): string {
  const host = ` -ComputerName ${psArg(p.host)}`;
  const vm = `-VMName ${psArg(p.name)}`;
  const sw = p.switchName ? ` -SwitchName ${psArg(p.switchName)}` : "";
  const lines = [
    `New-VM -Name ${psArg(p.name)} -Generation ${p.generation} -MemoryStartupBytes ${psBytes(p.memoryMiB)} -Path ${psQuote(p.folder)} -NewVHDPath ${psQuote(p.vhdPath)} -NewVHDSizeBytes ${psBytes(p.vhdSizeGiB * 1024)}${sw}${host}`,
  ];
  if (p.dynamicMemory) {
    lines.push(
      `Set-VMMemory ${vm} -DynamicMemoryEnabled $true -MinimumBytes ${psBytes(p.dynamicMemory.minimumMiB)} -StartupBytes ${psBytes(p.memoryMiB)} -MaximumBytes ${psBytes(p.dynamicMemory.maximumMiB)}${host}`,
    );
  }
  if (p.vcpus !== 1) lines.push(`Set-VMProcessor ${vm} -Count ${p.vcpus}${host}`);
  if (p.cluster) lines.push(`Add-ClusterVirtualMachineRole ${vm} -Cluster ${psArg(p.cluster)}`);
  return lines.join("\n");
}
