import "server-only";
import { db, type Tx, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/http/errors";
import {
  diskOnline,
  type EstateEvent,
  targetConnected,
  targetDisconnected,
} from "@/lib/hyperv/estate-events";
import {
  bringDiskOnlineScript,
  connectTargetScript,
  disconnectTargetScript,
  discoverPortalScript,
} from "@/lib/hyperv/estate-powershell";
import { adapterReaching, ISCSI_PORT, ISCSI_TARGET_ROLE, initiatorIqn } from "@/lib/hyperv/iscsi";
import { labNow } from "@/lib/lab/now";
import type { InitiatorActionInput } from "@/lib/schemas/iscsi";

/**
 * The iSCSI Initiator of a server: its IQN, the portals it discovered, the targets they offer it
 * (iSCSI Target Server lists only the targets that allow this initiator), its sessions, and the
 * disks those sessions bring.
 */
export async function getInitiator(hostId: number) {
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: {
      id: true,
      name: true,
      fqdn: true,
      iscsiPortals: { orderBy: { address: "asc" }, select: { id: true, address: true } },
      iscsiConnections: { select: { targetId: true, portal: true } },
    },
  });
  if (!host) throw new NotFoundError("Host", hostId);
  const iqn = initiatorIqn(host.fqdn);
  const servers = await portalServers(
    db,
    host.iscsiPortals.map((p) => p.address),
  );
  const targets = await db.iscsiTarget.findMany({
    where: {
      OR: [
        { hostId: { in: [...servers.values()] } },
        { id: { in: host.iscsiConnections.map((c) => c.targetId) } },
      ],
    },
    orderBy: { name: "asc" },
    include: {
      host: { select: { name: true } },
      initiators: { select: { iqn: true } },
      virtualDisks: {
        orderBy: { path: "asc" },
        select: {
          id: true,
          path: true,
          sizeGiB: true,
          formatted: true,
          dataDisk: { select: { offline: true } },
        },
      },
    },
  });
  const connected = new Map(host.iscsiConnections.map((c) => [c.targetId, c.portal]));
  const offered = targets.filter((t) => connected.has(t.id) || t.initiators.some((i) => i.iqn === iqn));
  return {
    id: host.id,
    name: host.name,
    iqn,
    portals: host.iscsiPortals.map((p) => ({ ...p, port: ISCSI_PORT })),
    targets: offered.map((t) => ({
      id: t.id,
      name: t.name,
      iqn: t.iqn,
      server: t.host.name,
      status: connected.has(t.id) ? ("Connected" as const) : ("Inactive" as const),
      portal: connected.get(t.id) ?? null,
    })),
    disks: offered
      .filter((t) => connected.has(t.id))
      .flatMap((t) =>
        t.virtualDisks
          .filter((d) => !d.dataDisk.offline)
          .map((d) => ({
            id: d.id,
            path: d.path,
            sizeGiB: d.sizeGiB,
            target: t.name,
            server: t.host.name,
            status: d.formatted ? ("Online" as const) : ("Offline" as const),
          })),
      ),
  };
}
export type Initiator = Awaited<ReturnType<typeof getInitiator>>;

/** address -> the id of the iSCSI target server answering there. */
async function portalServers(client: Tx | typeof db, addresses: string[]): Promise<Map<string, number>> {
  if (addresses.length === 0) return new Map();
  const hosts = await client.host.findMany({
    where: {
      roles: { contains: JSON.stringify(ISCSI_TARGET_ROLE) },
      OR: [{ managementIp: { in: addresses } }, { adapters: { some: { ipAddress: { in: addresses } } } }],
    },
    select: { id: true, managementIp: true, adapters: { select: { ipAddress: true } } },
  });
  const out = new Map<string, number>();
  for (const a of addresses) {
    const h = hosts.find((x) => x.managementIp === a || x.adapters.some((ad) => ad.ipAddress === a));
    if (h) out.set(a, h.id);
  }
  return out;
}

export interface InitiatorChange {
  initiator: Initiator;
  powershell: string;
}

async function log(tx: Tx, hostId: number, event: EstateEvent): Promise<void> {
  await tx.eventLogEntry.create({ data: { ...event, hostId, time: labNow() } });
}

/** One action of the iSCSI Initiator on a server, in one transaction. */
export async function initiatorAction(hostId: number, input: InitiatorActionInput): Promise<InitiatorChange> {
  const powershell = await writeTransaction(async (tx) => {
    const host = await tx.host.findUnique({
      where: { id: hostId },
      select: {
        id: true,
        name: true,
        fqdn: true,
        clusterId: true,
        adapters: { select: { name: true, ipAddress: true, prefixLength: true, purpose: true } },
        iscsiPortals: { select: { address: true } },
        iscsiConnections: { select: { targetId: true } },
      },
    });
    if (!host) throw new NotFoundError("Host", hostId);
    switch (input.action) {
      case "discover":
        return discover(tx, host, input.address);
      case "connect":
        return connect(tx, host, input.targetId);
      case "disconnect":
        return disconnect(tx, host, input.targetId);
      case "online":
        return bringOnline(tx, host, input.virtualDiskId);
    }
  });
  return { initiator: await getInitiator(hostId), powershell };
}

type HostFacts = {
  id: number;
  name: string;
  fqdn: string;
  clusterId: number | null;
  adapters: { name: string; ipAddress: string | null; prefixLength: number | null; purpose: string }[];
  iscsiPortals: { address: string }[];
  iscsiConnections: { targetId: number }[];
};

/** New-IscsiTargetPortal: something must answer on TCP 3260 there, over a network the node has. */
async function discover(tx: Tx, host: HostFacts, address: string): Promise<string> {
  const field = (message: string) =>
    new ValidationError("The portal cannot be discovered.", [{ path: "address", message }]);
  const servers = await portalServers(tx, [address]);
  if (!servers.has(address)) {
    throw field(
      `No iSCSI target portal answers at ${address}:${ISCSI_PORT}. Enter an address of a server with the iSCSI Target Server role.`,
    );
  }
  if (!adapterReaching(host.adapters, address)) {
    throw field(`${host.name} has no network adapter on ${address}'s subnet, so it cannot reach the portal.`);
  }
  if (!host.iscsiPortals.some((p) => p.address === address)) {
    await tx.iscsiTargetPortal.create({ data: { hostId: host.id, address } });
  }
  return discoverPortalScript({ node: host.name, address });
}

/** Connect-IscsiTarget -IsPersistent: through a discovered portal, if the target allows this IQN. */
async function connect(tx: Tx, host: HostFacts, targetId: number): Promise<string> {
  const target = await tx.iscsiTarget.findUnique({
    where: { id: targetId },
    include: {
      host: { select: { name: true, managementIp: true, adapters: { select: { ipAddress: true } } } },
      initiators: { select: { iqn: true } },
    },
  });
  if (!target) throw new NotFoundError("iSCSI target", targetId);
  const addresses = [target.host.managementIp, ...target.host.adapters.map((a) => a.ipAddress)];
  const portal = host.iscsiPortals.map((p) => p.address).find((a) => addresses.includes(a));
  if (!portal) {
    throw new ConflictError(
      `${host.name} has not discovered a portal of ${target.host.name}. Discover the portal (New-IscsiTargetPortal) first.`,
    );
  }
  const iqn = initiatorIqn(host.fqdn);
  if (!target.initiators.some((i) => i.iqn === iqn)) {
    throw new ConflictError(
      `Authorization Failure: target '${target.name}' does not allow the initiator ${iqn}. Add it to the target's initiators on ${target.host.name}.`,
      { initiator: iqn },
    );
  }
  if (!host.iscsiConnections.some((c) => c.targetId === targetId)) {
    await tx.iscsiConnection.create({ data: { hostId: host.id, targetId, portal } });
    await log(tx, host.id, targetConnected(target.iqn, portal));
  }
  return connectTargetScript({ node: host.name, targetIqn: target.iqn, portal });
}

/** Disconnect-IscsiTarget: refused while the node's cluster uses a disk of that target. */
async function disconnect(tx: Tx, host: HostFacts, targetId: number): Promise<string> {
  const target = await tx.iscsiTarget.findUnique({
    where: { id: targetId },
    include: {
      virtualDisks: {
        select: { clusterId: true, clusterDiskName: true, cluster: { select: { name: true } } },
      },
    },
  });
  if (!target) throw new NotFoundError("iSCSI target", targetId);
  if (!host.iscsiConnections.some((c) => c.targetId === targetId)) {
    throw new ConflictError(`${host.name} is not connected to target '${target.name}'.`);
  }
  const inUse = target.virtualDisks.filter((d) => d.clusterId !== null && d.clusterId === host.clusterId);
  if (inUse.length > 0) {
    const cluster = inUse[0]?.cluster?.name;
    throw new ConflictError(
      `${inUse.map((d) => `'${d.clusterDiskName}'`).join(" and ")} of ${cluster} ${inUse.length > 1 ? "are" : "is"} on target '${target.name}', and every node of the cluster must reach ${inUse.length > 1 ? "them" : "it"}. Remove ${inUse.length > 1 ? "them" : "it"} from the cluster before disconnecting ${host.name}.`,
      { clusterDisks: inUse.map((d) => d.clusterDiskName) },
    );
  }
  await tx.iscsiConnection.delete({ where: { hostId_targetId: { hostId: host.id, targetId } } });
  await log(tx, host.id, targetDisconnected(target.iqn));
  return disconnectTargetScript({ node: host.name, targetIqn: target.iqn });
}

/** Disk Management: online; the first time the disk is also initialized (GPT) and formatted NTFS. */
async function bringOnline(tx: Tx, host: HostFacts, virtualDiskId: number): Promise<string> {
  const disk = await tx.iscsiVirtualDisk.findUnique({
    where: { id: virtualDiskId },
    include: {
      target: { select: { id: true, iqn: true, name: true } },
      dataDisk: { select: { offline: true } },
    },
  });
  if (!disk) throw new NotFoundError("iSCSI virtual disk", virtualDiskId);
  if (
    !disk.target ||
    !host.iscsiConnections.some((c) => c.targetId === disk.target?.id) ||
    disk.dataDisk.offline
  ) {
    throw new ConflictError(
      `${host.name} does not see ${disk.path}: connect to the target that serves it first.`,
    );
  }
  if (!disk.formatted)
    await tx.iscsiVirtualDisk.update({ where: { id: disk.id }, data: { formatted: true } });
  await log(tx, host.id, diskOnline(disk.path, disk.formatted));
  const label = (disk.path.split("\\").pop() ?? "Data").replace(/\.vhdx$/i, "");
  return bringDiskOnlineScript({
    node: host.name,
    targetIqn: disk.target.iqn,
    label,
    format: !disk.formatted,
  });
}
