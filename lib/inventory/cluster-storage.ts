import "server-only";
import { type Tx, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/http/errors";
import { csvAdded, csvRemoved, roleOnline } from "@/lib/hyperv/estate-events";
import {
  addClusterDiskScript,
  addCsvScript,
  removeClusterDiskScript,
  removeCsvScript,
} from "@/lib/hyperv/estate-powershell";
import { CSV_ROOT } from "@/lib/hyperv/high-availability";
import { labNow } from "@/lib/lab/now";
import type { AddClusterDiskInput, AddCsvInput } from "@/lib/schemas/cluster";
import { getCluster } from "./clusters";

export interface ClusterChange {
  cluster: Awaited<ReturnType<typeof getCluster>>;
  powershell: string;
}

async function clusterOf(tx: Tx, id: number) {
  const cluster = await tx.cluster.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      witnessDiskId: true,
      nodes: { select: { id: true, name: true, state: true }, orderBy: { name: "asc" } },
    },
  });
  if (!cluster) throw new NotFoundError("Cluster", id);
  return cluster;
}

const diskField = (message: string) =>
  new ValidationError("The disk cannot be used as asked.", [{ path: "virtualDiskId", message }]);

/**
 * Add Disk (Get-ClusterAvailableDisk | Add-ClusterDisk): an iSCSI disk every node is connected to,
 * brought online and formatted once, that no cluster holds yet. It joins Available Storage.
 */
export async function addClusterDisk(clusterId: number, input: AddClusterDiskInput): Promise<ClusterChange> {
  const powershell = await writeTransaction(async (tx) => {
    const cluster = await clusterOf(tx, clusterId);
    const disk = await tx.iscsiVirtualDisk.findUnique({
      where: { id: input.virtualDiskId },
      include: {
        cluster: { select: { name: true } },
        dataDisk: { select: { offline: true } },
        target: { select: { name: true, connections: { select: { hostId: true } } } },
      },
    });
    if (!disk) throw diskField(`No iSCSI virtual disk has id ${input.virtualDiskId}.`);
    if (disk.cluster)
      throw diskField(`${disk.path} is already '${disk.clusterDiskName}' of ${disk.cluster.name}.`);
    const missing = cluster.nodes.filter((n) => !disk.target?.connections.some((c) => c.hostId === n.id));
    if (!disk.target || disk.dataDisk.offline || missing.length > 0) {
      throw diskField(
        `${disk.path} is not reachable from ${(disk.target ? missing : cluster.nodes).map((n) => n.name).join(" and ")}: every node must connect to the target that serves it.`,
      );
    }
    if (!disk.formatted) {
      throw diskField(`${disk.path} has not been brought online and formatted on a node yet.`);
    }
    const taken = await tx.iscsiVirtualDisk.findMany({
      where: { clusterId },
      select: { clusterDiskName: true },
    });
    const numbers = taken.map((d) => Number(/(\d+)$/.exec(d.clusterDiskName ?? "")?.[1] ?? 0));
    const name = `Cluster Disk ${Math.max(0, ...numbers) + 1}`;
    await tx.iscsiVirtualDisk.update({ where: { id: disk.id }, data: { clusterId, clusterDiskName: name } });
    await tx.eventLogEntry.create({
      data: { ...roleOnline("Available Storage"), hostId: cluster.nodes[0]?.id ?? null, time: labNow() },
    });
    return addClusterDiskScript({ cluster: cluster.name });
  });
  return { cluster: await getCluster(clusterId), powershell };
}

/** Remove-ClusterResource of a disk: refused while it is a CSV or the disk witness. */
export async function removeClusterDisk(clusterId: number, virtualDiskId: number): Promise<ClusterChange> {
  const powershell = await writeTransaction(async (tx) => {
    const cluster = await clusterOf(tx, clusterId);
    const disk = await tx.iscsiVirtualDisk.findUnique({
      where: { id: virtualDiskId },
      include: { volumes: { select: { path: true } } },
    });
    if (!disk || disk.clusterId !== clusterId) throw new NotFoundError("Cluster disk", virtualDiskId);
    if (disk.volumes.length > 0) {
      throw new ConflictError(
        `'${disk.clusterDiskName}' is a Cluster Shared Volume (${disk.volumes[0]?.path}). Remove it from Cluster Shared Volumes first.`,
      );
    }
    if (cluster.witnessDiskId === disk.id) {
      throw new ConflictError(
        `'${disk.clusterDiskName}' is the disk witness of ${cluster.name}. Configure another witness (Set-ClusterQuorum) before removing it.`,
      );
    }
    await tx.iscsiVirtualDisk.update({
      where: { id: disk.id },
      data: { clusterId: null, clusterDiskName: null },
    });
    return removeClusterDiskScript({ cluster: cluster.name, disk: disk.clusterDiskName ?? "" });
  });
  return { cluster: await getCluster(clusterId), powershell };
}

/**
 * Add to Cluster Shared Volumes: a disk in Available Storage (not the witness) is mounted on every
 * node as C:\ClusterStorage\VolumeN, N the lowest number the cluster does not use.
 */
export async function addCsv(clusterId: number, input: AddCsvInput): Promise<ClusterChange> {
  const powershell = await writeTransaction(async (tx) => {
    const cluster = await clusterOf(tx, clusterId);
    const disk = await tx.iscsiVirtualDisk.findUnique({
      where: { id: input.virtualDiskId },
      include: { volumes: { select: { path: true } } },
    });
    if (!disk || disk.clusterId !== clusterId) {
      throw diskField(
        "Only a disk in the cluster's Available Storage can become a Cluster Shared Volume: add it to the cluster first.",
      );
    }
    if (disk.volumes.length > 0)
      throw diskField(`'${disk.clusterDiskName}' is already ${disk.volumes[0]?.path}.`);
    if (cluster.witnessDiskId === disk.id) {
      throw diskField(
        `'${disk.clusterDiskName}' is the disk witness; a witness cannot be a Cluster Shared Volume.`,
      );
    }
    const used = new Set(
      (await tx.clusterSharedVolume.findMany({ where: { clusterId }, select: { path: true } })).map((v) =>
        v.path.toLowerCase(),
      ),
    );
    let n = 1;
    while (used.has(`${CSV_ROOT}\\Volume${n}`.toLowerCase())) n++;
    const path = `${CSV_ROOT}\\Volume${n}`;
    const name = disk.clusterDiskName ?? `Cluster Disk ${disk.id}`;
    const owner = cluster.nodes.find((node) => node.state === "Up") ?? cluster.nodes[0];
    await tx.clusterSharedVolume.create({
      data: {
        clusterId,
        name,
        path,
        sizeGiB: disk.sizeGiB,
        freeGiB: disk.sizeGiB,
        ownerHostId: owner?.id ?? null,
        virtualDiskId: disk.id,
      },
    });
    await tx.eventLogEntry.create({
      data: { ...csvAdded(name, path), hostId: owner?.id ?? null, time: labNow() },
    });
    return addCsvScript({ cluster: cluster.name, disk: name });
  });
  return { cluster: await getCluster(clusterId), powershell };
}

/**
 * Remove from Cluster Shared Volumes: refused while a VM keeps a virtual hard disk on it. The disk
 * goes back to Available Storage.
 */
export async function removeCsv(volumeId: number): Promise<ClusterChange> {
  const { clusterId, powershell } = await writeTransaction(async (tx) => {
    const volume = await tx.clusterSharedVolume.findUnique({
      where: { id: volumeId },
      include: {
        cluster: { select: { id: true, name: true } },
        vmDisks: { select: { vm: { select: { name: true } } }, orderBy: { vmId: "asc" } },
      },
    });
    if (!volume) throw new NotFoundError("Cluster Shared Volume", volumeId);
    const vms = [...new Set(volume.vmDisks.map((d) => d.vm.name))];
    if (vms.length > 0) {
      throw new ConflictError(
        `${vms.join(", ")} ${vms.length > 1 ? "keep their" : "keeps its"} virtual hard disks on '${volume.name}' (${volume.path}). Move or delete ${vms.length > 1 ? "them" : "it"} before removing the volume from Cluster Shared Volumes.`,
        { vms },
      );
    }
    await tx.clusterSharedVolume.delete({ where: { id: volumeId } });
    await tx.eventLogEntry.create({
      data: { ...csvRemoved(volume.name, volume.path), hostId: volume.ownerHostId, time: labNow() },
    });
    return {
      clusterId: volume.cluster.id,
      powershell: removeCsvScript({ cluster: volume.cluster.name, disk: volume.name }),
    };
  });
  return { cluster: await getCluster(clusterId), powershell };
}
