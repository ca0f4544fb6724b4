// iSCSI Target Server and the Microsoft iSCSI initiator: names, capacity and reachability, as pure
// rules the inventory applies (docs/hyperv.md, "iSCSI storage").
import { adapterSubnet, inSubnet, type NodeAdapter } from "./cluster-networks";

/** The TCP port of an iSCSI portal. */
export const ISCSI_PORT = 3260;
/** The largest VHDX, and so the largest iSCSI virtual disk: 64 TB. */
export const MAX_VIRTUAL_DISK_GIB = 64 * 1024;
/** The role that makes a server an iSCSI target server. */
export const ISCSI_TARGET_ROLE = "iSCSI Target Server";

/** A Windows initiator's default IQN: iqn.1991-05.com.microsoft:<its FQDN in lower case>. */
export function initiatorIqn(fqdn: string): string {
  return `iqn.1991-05.com.microsoft:${fqdn.toLowerCase()}`;
}

/** The IQN iSCSI Target Server gives a new target: iqn.1991-05.com.microsoft:<server>-<target>-target. */
export function targetIqn(serverName: string, targetName: string): string {
  return `iqn.1991-05.com.microsoft:${serverName.toLowerCase()}-${targetName.toLowerCase()}-target`;
}

export interface VirtualDiskUse {
  sizeGiB: number;
  type: string;
}

/**
 * A fixed virtual disk takes its whole size on the data disk at once; a dynamic one starts as a
 * few megabytes and grows as it is written, so it takes none of the free space up front.
 */
export function dataDiskFreeGiB(disk: { sizeGiB: number }, virtualDisks: VirtualDiskUse[]): number {
  const fixed = virtualDisks.filter((v) => v.type === "Fixed").reduce((s, v) => s + v.sizeGiB, 0);
  return Math.max(0, disk.sizeGiB - fixed);
}

export interface NewVirtualDiskFacts {
  path: string;
  sizeGiB: number;
  type: "Fixed" | "Dynamic";
  dataDisk: { number: number; driveLetter: string | null; sizeGiB: number; offline: boolean };
  freeGiB: number;
  /** Paths of the server's virtual disks, to refuse a second file of the same name. */
  existingPaths: string[];
}

/** Field problems of a New iSCSI virtual disk, by field ("path", "sizeGiB", "dataDiskId"). */
export function virtualDiskProblems(f: NewVirtualDiskFacts): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const letter = f.dataDisk.driveLetter;
  if (f.dataDisk.offline) {
    out.push({ path: "dataDiskId", message: `Disk ${f.dataDisk.number} is offline. Bring it online first.` });
  } else if (!letter) {
    out.push({ path: "dataDiskId", message: `Disk ${f.dataDisk.number} has no volume with a drive letter.` });
  } else if (!f.path.toUpperCase().startsWith(`${letter.toUpperCase()}:\\`)) {
    out.push({
      path: "path",
      message: `The path must be on the chosen disk's volume, ${letter}:\\ (disk ${f.dataDisk.number}).`,
    });
  }
  if (f.existingPaths.some((p) => p.toLowerCase() === f.path.toLowerCase())) {
    out.push({ path: "path", message: `The file ${f.path} already exists.` });
  }
  if (f.type === "Fixed" && f.sizeGiB > f.freeGiB) {
    out.push({
      path: "sizeGiB",
      message: `A fixed disk takes its whole size at once: ${f.sizeGiB} GB does not fit in the ${f.freeGiB} GB free on ${letter ?? "the"}${letter ? ":" : " disk"}.`,
    });
  } else if (f.type === "Dynamic" && f.sizeGiB > MAX_VIRTUAL_DISK_GIB) {
    out.push({ path: "sizeGiB", message: "A virtual disk holds at most 64 TB." });
  }
  return out;
}

/**
 * The first of a node's adapters that reaches `address` on its own subnet: iSCSI traffic stays on
 * the storage network, with no router in between (the lab's rule: docs/hyperv.md).
 */
export function adapterReaching(adapters: NodeAdapter[], address: string): NodeAdapter | null {
  return (
    adapters.find((a) => {
      const subnet = adapterSubnet(a);
      return subnet !== null && inSubnet(address, subnet);
    }) ?? null
  );
}

/** The portal addresses of a target server: each of its addresses, storage network first. */
export function portalAddresses(adapters: NodeAdapter[]): string[] {
  return [...adapters]
    .filter((a) => a.ipAddress)
    .sort((a, b) => Number(b.purpose === "Storage") - Number(a.purpose === "Storage"))
    .map((a) => a.ipAddress as string);
}
