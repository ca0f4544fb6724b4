import "server-only";
import type { Tx } from "@/lib/db";
import type { MigrationKind } from "@/lib/schemas/migration";

// Where a VM and its disks are, changed by a move's switchover (inside the caller's transaction).

/** The VM runs on `hostId` now. */
export async function moveVmToHost(tx: Tx, vmId: number, hostId: number): Promise<void> {
  await tx.vm.update({ where: { id: vmId }, data: { hostId } });
}

/**
 * Puts a VM's disks in `folder` on the host that now holds them: a folder under one of its
 * cluster's CSV mount points puts them on that CSV, anything else is local. A shared-nothing move
 * leaves disks on an SMB share where they are (it copies none of them). Names that would clash in
 * the folder get "-2", "-3", ...
 */
export async function relocateVmDisks(
  tx: Tx,
  vmId: number,
  hostId: number,
  folder: string,
  kind: Extract<MigrationKind, "storage" | "shared-nothing">,
): Promise<void> {
  const target = folder.replace(/\\+$/, "");
  const [disks, host] = await Promise.all([
    tx.vmDisk.findMany({ where: { vmId }, select: { id: true, path: true, location: true } }),
    tx.host.findUniqueOrThrow({ where: { id: hostId }, select: { clusterId: true } }),
  ]);
  const volumes = host.clusterId
    ? await tx.clusterSharedVolume.findMany({
        where: { clusterId: host.clusterId },
        select: { id: true, path: true },
      })
    : [];
  const lower = target.toLowerCase();
  const csv = volumes.find((v) => {
    const mount = v.path.toLowerCase();
    return lower === mount || lower.startsWith(`${mount}\\`);
  });
  const taken = new Set<string>();
  for (const disk of disks) {
    if (kind === "shared-nothing" && disk.location === "SMB") continue;
    const file = disk.path.split("\\").pop() || `disk-${disk.id}.vhdx`;
    let name = file;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = file.replace(/(\.[^.]*)?$/, `-${n}$1`);
    taken.add(name.toLowerCase());
    await tx.vmDisk.update({
      where: { id: disk.id },
      data: { path: `${target}\\${name}`, location: csv ? "CSV" : "Local", csvId: csv?.id ?? null },
    });
  }
}
