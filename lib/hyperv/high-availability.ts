// Where a new VM's files go, and whether Failover Clustering can make it highly available
// (Add-ClusterVirtualMachineRole): every node must reach its files, so they must be on a CSV.

/** Cluster Shared Volumes are mounted on every node under C:\ClusterStorage. */
export const CSV_ROOT = "C:\\ClusterStorage";
/** Hyper-V's default folder for a standalone host's VMs in the lab. */
export const LOCAL_VM_FOLDER = "D:\\Hyper-V";

/** Where a VM's files go by default when a move takes its storage along: D:\Hyper-V\<name>. */
export function defaultStoragePathFor(vmName: string): string {
  return `${LOCAL_VM_FOLDER}\\${vmName}`;
}

const trimSlash = (p: string) => p.replace(/\\+$/, "");

/** The CSV whose mount point holds `path`, if any (C:\ClusterStorage\Volume1\WEB01 is on Volume1). */
export function csvContaining<V extends { path: string }>(path: string, volumes: V[]): V | undefined {
  const lower = trimSlash(path).toLowerCase();
  return volumes.find((v) => {
    const mount = trimSlash(v.path).toLowerCase();
    return lower === mount || lower.startsWith(`${mount}\\`);
  });
}

/** The new VM's disk, as Hyper-V Manager lays it out: <folder>\<name>\Virtual Hard Disks\<name>.vhdx. */
export function newVhdPath(folder: string, vmName: string): string {
  return `${trimSlash(folder)}\\${vmName}\\Virtual Hard Disks\\${vmName}.vhdx`;
}

/**
 * Why the VM cannot be made highly available, or null. Its files must be where every node of the
 * cluster reaches them: a Cluster Shared Volume (the lab has no clustered SMB shares).
 */
export function highAvailabilityRefusal(p: {
  vmName: string;
  host: string;
  cluster: string | null;
  files: string[];
  volumes: { path: string }[];
}): string | null {
  if (!p.cluster) {
    return `${p.host} is not a node of a failover cluster, so '${p.vmName}' cannot be made highly available.`;
  }
  const local = p.files.find((f) => !csvContaining(f, p.volumes));
  if (!local) return null;
  const where =
    p.volumes.length > 0
      ? `Store its files on a Cluster Shared Volume (${p.volumes.map((v) => v.path).join(", ")}).`
      : `${p.cluster} has no Cluster Shared Volume yet: add a disk to Cluster Shared Volumes first.`;
  return `Cannot make '${p.vmName}' highly available: '${local}' is on storage local to ${p.host}, which the other nodes of ${p.cluster} cannot reach. ${where}`;
}
