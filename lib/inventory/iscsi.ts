import "server-only";
import { db, type Tx, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, PreconditionError, ValidationError } from "@/lib/http/errors";
import {
  type EstateEvent,
  initiatorsChanged,
  mappingAdded,
  targetCreated,
  targetRemoved,
  virtualDiskCreated,
  virtualDiskRemoved,
} from "@/lib/hyperv/estate-events";
import {
  addMappingScript,
  dataDiskOfflineScript,
  newIscsiTargetScript,
  newIscsiVirtualDiskScript,
  removeTargetScript,
  removeVirtualDiskScript,
  setTargetInitiatorsScript,
} from "@/lib/hyperv/estate-powershell";
import {
  dataDiskFreeGiB,
  ISCSI_TARGET_ROLE,
  initiatorIqn,
  portalAddresses,
  targetIqn,
  virtualDiskProblems,
} from "@/lib/hyperv/iscsi";
import { labNow } from "@/lib/lab/now";
import type {
  AddMappingInput,
  CreateTargetInput,
  CreateVirtualDiskInput,
  UpdateDataDiskInput,
  UpdateTargetInput,
} from "@/lib/schemas/iscsi";
import { parseList } from "./json";

/** What a change answers: the server's iSCSI Target Server view after it, and its PowerShell. */
export interface IscsiChange {
  server: TargetServer;
  powershell: string;
}

async function log(tx: Tx, hostId: number, events: EstateEvent[]): Promise<void> {
  const time = labNow();
  await tx.eventLogEntry.createMany({ data: events.map((e) => ({ ...e, hostId, time })) });
}

/** The iSCSI Target Server tool of a server: its data disks, virtual disks and targets. */
export async function getTargetServer(hostId: number) {
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: {
      id: true,
      name: true,
      roles: true,
      adapters: {
        select: { name: true, ipAddress: true, prefixLength: true, purpose: true },
        orderBy: { id: "asc" },
      },
      dataDisks: {
        orderBy: { number: "asc" },
        include: {
          virtualDisks: {
            orderBy: { path: "asc" },
            select: {
              id: true,
              path: true,
              sizeGiB: true,
              type: true,
              formatted: true,
              clusterDiskName: true,
              cluster: { select: { name: true } },
              target: { select: { id: true, name: true } },
            },
          },
        },
      },
      iscsiTargets: {
        orderBy: { name: "asc" },
        include: {
          initiators: { orderBy: { iqn: "asc" }, include: { host: { select: { id: true, name: true } } } },
          virtualDisks: { orderBy: { path: "asc" }, select: { id: true, path: true, sizeGiB: true } },
          connections: {
            include: { host: { select: { id: true, name: true } } },
            orderBy: { hostId: "asc" },
          },
        },
      },
    },
  });
  if (!host) throw new NotFoundError("Host", hostId);
  const candidates = await db.host.findMany({
    where: { id: { not: hostId } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, fqdn: true, roles: true },
  });
  return {
    id: host.id,
    name: host.name,
    hasRole: parseList(host.roles).includes(ISCSI_TARGET_ROLE),
    portals: portalAddresses(host.adapters),
    dataDisks: host.dataDisks.map(({ virtualDisks, ...d }) => ({
      ...d,
      freeGiB: dataDiskFreeGiB(d, virtualDisks),
      virtualDiskCount: virtualDisks.length,
    })),
    virtualDisks: host.dataDisks.flatMap((d) =>
      d.virtualDisks.map((v) => ({
        id: v.id,
        path: v.path,
        sizeGiB: v.sizeGiB,
        type: v.type,
        formatted: v.formatted,
        dataDisk: { id: d.id, number: d.number, driveLetter: d.driveLetter },
        target: v.target,
        usedBy: v.cluster ? `${v.cluster.name}: ${v.clusterDiskName ?? "a cluster disk"}` : null,
      })),
    ),
    targets: host.iscsiTargets.map((t) => ({
      id: t.id,
      name: t.name,
      iqn: t.iqn,
      initiators: t.initiators.map((i) => ({ iqn: i.iqn, host: i.host })),
      virtualDisks: t.virtualDisks,
      connectedNodes: t.connections.map((c) => c.host),
    })),
    /** Servers of the domain with their initiator's IQN, to pick from. */
    initiatorCandidates: candidates
      .filter((c) => parseList(c.roles).includes("Hyper-V"))
      .map((c) => ({ hostId: c.id, name: c.name, iqn: initiatorIqn(c.fqdn) })),
  };
}
export type TargetServer = Awaited<ReturnType<typeof getTargetServer>>;

async function targetServerHost(tx: Tx, hostId: number) {
  const host = await tx.host.findUnique({
    where: { id: hostId },
    select: { id: true, name: true, roles: true },
  });
  if (!host) throw new NotFoundError("Host", hostId);
  if (!parseList(host.roles).includes(ISCSI_TARGET_ROLE)) {
    throw new PreconditionError(`${host.name} does not have the iSCSI Target Server role.`);
  }
  return host;
}

/** New-IscsiVirtualDisk on one of the server's data disks. */
export async function createVirtualDisk(input: CreateVirtualDiskInput): Promise<IscsiChange> {
  const { hostId, powershell } = await writeTransaction(async (tx) => {
    const disk = await tx.dataDisk.findUnique({
      where: { id: input.dataDiskId },
      include: { virtualDisks: { select: { sizeGiB: true, type: true } } },
    });
    if (!disk) {
      throw new ValidationError("The request has invalid fields.", [
        { path: "dataDiskId", message: `No data disk has id ${input.dataDiskId}.` },
      ]);
    }
    const host = await targetServerHost(tx, disk.hostId);
    const existing = await tx.iscsiVirtualDisk.findMany({
      where: { dataDisk: { hostId: host.id } },
      select: { path: true },
    });
    const problems = virtualDiskProblems({
      path: input.path,
      sizeGiB: input.sizeGiB,
      type: input.type,
      dataDisk: disk,
      freeGiB: dataDiskFreeGiB(disk, disk.virtualDisks),
      existingPaths: existing.map((v) => v.path),
    });
    if (problems.length > 0)
      throw new ValidationError("The virtual disk cannot be created as asked.", problems);
    await tx.iscsiVirtualDisk.create({
      data: { dataDiskId: disk.id, path: input.path, sizeGiB: input.sizeGiB, type: input.type },
    });
    await log(tx, host.id, [virtualDiskCreated(input.path, input.sizeGiB, input.type)]);
    return {
      hostId: host.id,
      powershell: newIscsiVirtualDiskScript({ server: host.name, ...input }),
    };
  });
  return { server: await getTargetServer(hostId), powershell };
}

/**
 * Remove-IscsiVirtualDisk. Refused while a cluster uses the disk or a node is connected to the
 * target that serves it: the file would vanish under them.
 */
export async function deleteVirtualDisk(id: number): Promise<IscsiChange> {
  const { hostId, powershell } = await writeTransaction(async (tx) => {
    const vd = await tx.iscsiVirtualDisk.findUnique({
      where: { id },
      include: {
        dataDisk: { select: { host: { select: { id: true, name: true } } } },
        cluster: { select: { name: true } },
        target: { select: { name: true, connections: { select: { host: { select: { name: true } } } } } },
      },
    });
    if (!vd) throw new NotFoundError("iSCSI virtual disk", id);
    if (vd.cluster) {
      throw new ConflictError(
        `${vd.path} is '${vd.clusterDiskName}' of cluster ${vd.cluster.name}. Remove it from the cluster first.`,
        { cluster: vd.cluster.name },
      );
    }
    const connected = vd.target?.connections.map((c) => c.host.name) ?? [];
    if (connected.length > 0) {
      throw new ConflictError(
        `${connected.join(" and ")} ${connected.length > 1 ? "are" : "is"} connected to target '${vd.target?.name}', which serves ${vd.path}. Disconnect ${connected.length > 1 ? "them" : "it"} first (Disconnect-IscsiTarget).`,
        { connected },
      );
    }
    await tx.iscsiVirtualDisk.delete({ where: { id } });
    await log(tx, vd.dataDisk.host.id, [virtualDiskRemoved(vd.path)]);
    return {
      hostId: vd.dataDisk.host.id,
      powershell: removeVirtualDiskScript({ server: vd.dataDisk.host.name, path: vd.path }),
    };
  });
  return { server: await getTargetServer(hostId), powershell };
}

/** The servers whose initiator has one of these IQNs, so a target's initiators name their server. */
async function hostsByIqn(tx: Tx, iqns: string[]): Promise<Map<string, number>> {
  const hosts = await tx.host.findMany({ select: { id: true, fqdn: true } });
  const byIqn = new Map(hosts.map((h) => [initiatorIqn(h.fqdn), h.id]));
  return new Map(iqns.flatMap((iqn) => (byIqn.has(iqn) ? [[iqn, byIqn.get(iqn) as number]] : [])));
}

/** Virtual disks of `serverId` not yet mapped to a target; anything else is a field error. */
async function mappableDisks(tx: Tx, serverId: number, ids: number[], field: string) {
  const disks = await tx.iscsiVirtualDisk.findMany({
    where: { id: { in: ids } },
    select: { id: true, path: true, targetId: true, dataDisk: { select: { hostId: true } } },
  });
  const issues = ids.flatMap((id, i) => {
    const disk = disks.find((d) => d.id === id);
    const path = field.includes("[]") ? field.replace("[]", `.${i}`) : field;
    if (!disk || disk.dataDisk.hostId !== serverId) {
      return [{ path, message: `The virtual disk ${id} is not on this server.` }];
    }
    if (disk.targetId !== null) return [{ path, message: `${disk.path} is already mapped to a target.` }];
    return [];
  });
  if (issues.length > 0) throw new ValidationError("These virtual disks cannot be mapped.", issues);
  return ids.map((id) => disks.find((d) => d.id === id) as (typeof disks)[number]);
}

/** New-IscsiServerTarget with the initiators allowed, then a mapping for each virtual disk. */
export async function createTarget(input: CreateTargetInput): Promise<IscsiChange> {
  const powershell = await writeTransaction(async (tx) => {
    const host = await targetServerHost(tx, input.hostId);
    const taken = await tx.iscsiTarget.findFirst({
      where: { hostId: host.id, name: input.name },
      select: { id: true },
    });
    const iqn = targetIqn(host.name, input.name);
    if (taken || (await tx.iscsiTarget.findUnique({ where: { iqn }, select: { id: true } }))) {
      throw new ConflictError(`${host.name} already has a target named '${input.name}'.`);
    }
    const disks = await mappableDisks(tx, host.id, input.virtualDiskIds, "virtualDiskIds[]");
    const hosts = await hostsByIqn(tx, input.initiatorIqns);
    const target = await tx.iscsiTarget.create({
      data: {
        hostId: host.id,
        name: input.name,
        iqn,
        initiators: { create: input.initiatorIqns.map((i) => ({ iqn: i, hostId: hosts.get(i) ?? null })) },
      },
      select: { id: true },
    });
    if (disks.length > 0) {
      await tx.iscsiVirtualDisk.updateMany({
        where: { id: { in: disks.map((d) => d.id) } },
        data: { targetId: target.id },
      });
    }
    await log(tx, host.id, [
      targetCreated(input.name, iqn, input.initiatorIqns),
      ...disks.map((d) => mappingAdded(input.name, d.path)),
    ]);
    return newIscsiTargetScript({
      server: host.name,
      name: input.name,
      initiators: input.initiatorIqns,
      virtualDiskPaths: disks.map((d) => d.path),
    });
  });
  return { server: await getTargetServer(input.hostId), powershell };
}

async function targetOf(tx: Tx, id: number) {
  const target = await tx.iscsiTarget.findUnique({
    where: { id },
    include: {
      host: { select: { id: true, name: true } },
      initiators: { select: { iqn: true } },
      connections: { select: { host: { select: { name: true, fqdn: true } } } },
    },
  });
  if (!target) throw new NotFoundError("iSCSI target", id);
  return target;
}

/** Add-IscsiVirtualDiskTargetMapping. */
export async function addMapping(targetId: number, input: AddMappingInput): Promise<IscsiChange> {
  const { hostId, powershell } = await writeTransaction(async (tx) => {
    const target = await targetOf(tx, targetId);
    const [disk] = await mappableDisks(tx, target.host.id, [input.virtualDiskId], "virtualDiskId");
    await tx.iscsiVirtualDisk.update({ where: { id: input.virtualDiskId }, data: { targetId } });
    await log(tx, target.host.id, [mappingAdded(target.name, disk?.path ?? "")]);
    return {
      hostId: target.host.id,
      powershell: addMappingScript({ server: target.host.name, target: target.name, path: disk?.path ?? "" }),
    };
  });
  return { server: await getTargetServer(hostId), powershell };
}

/**
 * Set-IscsiServerTarget -InitiatorIds. Taking away the IQN of a node that is connected is refused:
 * its session would fail at the next logon and the cluster would lose the disk on that node.
 */
export async function updateTarget(id: number, input: UpdateTargetInput): Promise<IscsiChange> {
  const { hostId, powershell } = await writeTransaction(async (tx) => {
    const target = await targetOf(tx, id);
    const dropped = target.connections.filter(
      (c) => !input.initiatorIqns.includes(initiatorIqn(c.host.fqdn)),
    );
    if (dropped.length > 0) {
      const names = dropped.map((c) => c.host.name);
      throw new ConflictError(
        `${names.join(" and ")} ${names.length > 1 ? "are" : "is"} connected to target '${target.name}' with ${names.length > 1 ? "those initiators" : "that initiator"}. Disconnect ${names.length > 1 ? "them" : "it"} before removing ${names.length > 1 ? "their" : "its"} IQN.`,
        { connected: names },
      );
    }
    const hosts = await hostsByIqn(tx, input.initiatorIqns);
    await tx.iscsiInitiator.deleteMany({ where: { targetId: id } });
    await tx.iscsiInitiator.createMany({
      data: input.initiatorIqns.map((iqn) => ({ targetId: id, iqn, hostId: hosts.get(iqn) ?? null })),
    });
    await log(tx, target.host.id, [initiatorsChanged(target.name, input.initiatorIqns)]);
    return {
      hostId: target.host.id,
      powershell: setTargetInitiatorsScript({
        server: target.host.name,
        target: target.name,
        initiators: input.initiatorIqns,
      }),
    };
  });
  return { server: await getTargetServer(hostId), powershell };
}

/** Remove-IscsiServerTarget: refused while a node is connected to it. Its disks stay, unmapped. */
export async function deleteTarget(id: number): Promise<IscsiChange> {
  const { hostId, powershell } = await writeTransaction(async (tx) => {
    const target = await targetOf(tx, id);
    const names = target.connections.map((c) => c.host.name);
    if (names.length > 0) {
      throw new ConflictError(
        `${names.join(" and ")} ${names.length > 1 ? "are" : "is"} connected to target '${target.name}'. Disconnect ${names.length > 1 ? "them" : "it"} first (Disconnect-IscsiTarget).`,
        { connected: names },
      );
    }
    await tx.iscsiTarget.delete({ where: { id } });
    await log(tx, target.host.id, [targetRemoved(target.name)]);
    return {
      hostId: target.host.id,
      powershell: removeTargetScript({ server: target.host.name, target: target.name }),
    };
  });
  return { server: await getTargetServer(hostId), powershell };
}

/** Set-Disk -IsOffline: refused while the disk holds iSCSI virtual disks. */
export async function updateDataDisk(id: number, input: UpdateDataDiskInput): Promise<IscsiChange> {
  const { hostId, powershell } = await writeTransaction(async (tx) => {
    const disk = await tx.dataDisk.findUnique({
      where: { id },
      include: { host: { select: { id: true, name: true } }, virtualDisks: { select: { path: true } } },
    });
    if (!disk) throw new NotFoundError("Data disk", id);
    if (input.offline && disk.virtualDisks.length > 0) {
      throw new ConflictError(
        `Disk ${disk.number} holds the iSCSI virtual disk(s) ${disk.virtualDisks.map((v) => v.path).join(", ")}. Remove them before taking the disk offline.`,
        { virtualDisks: disk.virtualDisks.map((v) => v.path) },
      );
    }
    await tx.dataDisk.update({ where: { id }, data: { offline: input.offline } });
    return {
      hostId: disk.host.id,
      powershell: dataDiskOfflineScript({
        server: disk.host.name,
        number: disk.number,
        offline: input.offline,
      }),
    };
  });
  return { server: await getTargetServer(hostId), powershell };
}
