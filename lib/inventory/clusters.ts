import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, writeTransaction } from "@/lib/db";
import { NotFoundError, PreconditionError, ValidationError } from "@/lib/http/errors";
import { hostMemory } from "@/lib/hyperv/memory";
import type { ClusterListQuery, CreateClusterInput } from "@/lib/schemas/cluster";
import { pageOf, parseList } from "./json";
import { claimComputerName } from "./names";
import { idsContaining } from "./search";

const clusterListSelect = {
  id: true,
  name: true,
  fqdn: true,
  ipAddress: true,
  maxParallelMigrations: true,
  tags: true,
  managingAs: true,
  nodes: { select: { id: true, name: true, state: true, osVersion: true }, orderBy: { name: "asc" } },
  _count: { select: { volumes: true } },
} satisfies Prisma.ClusterSelect;

export async function listClusters(query: ClusterListQuery) {
  const where: Prisma.ClusterWhereInput = {
    ...(query.q ? { id: { in: await idsContaining("Cluster", query.q) } } : {}),
    ...(query.tag ? { tags: { contains: JSON.stringify(query.tag) } } : {}),
  };
  const offset = Number(query.cursor ?? 0);
  const [rows, total] = await Promise.all([
    db.cluster.findMany({
      where,
      select: clusterListSelect,
      orderBy: { name: "asc" },
      skip: offset,
      take: query.limit,
    }),
    db.cluster.count({ where }),
  ]);
  const roleCounts = await db.vm.groupBy({
    by: ["hostId"],
    where: { highlyAvailable: true, host: { clusterId: { in: rows.map((r) => r.id) } } },
    _count: { _all: true },
  });
  const rolesByHost = new Map(roleCounts.map((r) => [r.hostId, r._count._all]));
  const items = rows.map(({ _count, tags, nodes, ...r }) => ({
    ...r,
    type: "Cluster" as const,
    tags: parseList(tags),
    nodes,
    osVersion: nodes[0]?.osVersion ?? null,
    state: nodes.some((n) => n.state === "Up") ? "Up" : "Down",
    volumeCount: _count.volumes,
    roleCount: nodes.reduce((s, n) => s + (rolesByHost.get(n.id) ?? 0), 0),
  }));
  return pageOf(items, offset, query.limit, total);
}
export type ClusterListItem = Awaited<ReturnType<typeof listClusters>>["items"][number];

export async function getCluster(id: number) {
  const row = await db.cluster.findUnique({
    where: { id },
    include: {
      domain: { select: { name: true } },
      nodes: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          state: true,
          osVersion: true,
          cpuUsagePercent: true,
          memoryMiB: true,
          hostReservedMiB: true,
          logicalProcessors: true,
          vms: { select: { state: true, memoryMiB: true, highlyAvailable: true } },
        },
      },
      networks: { orderBy: { name: "asc" } },
      volumes: {
        orderBy: { path: "asc" },
        include: {
          ownerHost: { select: { id: true, name: true } },
          virtualDisk: {
            select: { path: true, target: { select: { name: true, host: { select: { name: true } } } } },
          },
          _count: { select: { vmDisks: true } },
        },
      },
    },
  });
  if (!row) throw new NotFoundError("Cluster", id);
  // The cluster's disks: iSCSI virtual disks on targets that the cluster's nodes log on to.
  const disks = await db.iscsiVirtualDisk.findMany({
    where: { target: { initiators: { some: { hostId: { in: row.nodes.map((n) => n.id) } } } } },
    orderBy: { path: "asc" },
    select: {
      id: true,
      path: true,
      sizeGiB: true,
      target: { select: { name: true, host: { select: { name: true } } } },
      volumes: { where: { clusterId: id }, select: { name: true, path: true } },
    },
  });
  const roles = row.nodes.flatMap((n) => n.vms.filter((v) => v.highlyAvailable).map((v) => v.state));
  return {
    id: row.id,
    name: row.name,
    fqdn: row.fqdn,
    ipAddress: row.ipAddress,
    domain: row.domain.name,
    maxParallelMigrations: row.maxParallelMigrations,
    tags: parseList(row.tags),
    nodes: row.nodes.map(({ vms, ...n }) => ({
      ...n,
      memory: hostMemory(n, vms),
      roleCount: vms.filter((v) => v.highlyAvailable).length,
    })),
    roles: {
      total: roles.length,
      running: roles.filter((s) => s === "Running").length,
      off: roles.filter((s) => s !== "Running").length,
    },
    networks: row.networks,
    disks: disks.map((d) => ({
      id: d.id,
      path: d.path,
      sizeGiB: d.sizeGiB,
      server: d.target.host.name,
      target: d.target.name,
      assignedTo:
        row.witnessDiskId === d.id
          ? "Disk Witness in Quorum"
          : d.volumes[0]
            ? `Cluster Shared Volume (${d.volumes[0].path})`
            : "Available Storage",
    })),
    volumes: row.volumes.map(({ _count, virtualDisk, ...v }) => ({
      ...v,
      vmDiskCount: _count.vmDisks,
      backing: virtualDisk
        ? { path: virtualDisk.path, target: virtualDisk.target.name, server: virtualDisk.target.host.name }
        : null,
    })),
  };
}
export type ClusterDetail = Awaited<ReturnType<typeof getCluster>>;

export async function createCluster(input: CreateClusterInput) {
  const id = await writeTransaction(async (tx) => {
    const domain = await tx.domain.findFirst({ orderBy: { id: "asc" } });
    if (!domain) throw new PreconditionError("The inventory has no Active Directory domain to join.");
    const fqdn = input.fqdn ?? `${input.name.toLowerCase()}.${domain.name}`;
    await claimComputerName(tx, input.name, fqdn);
    const nodes = await tx.host.findMany({
      where: { id: { in: input.nodeIds } },
      select: { id: true, name: true, clusterId: true, roles: true },
    });
    const issues = input.nodeIds.flatMap((nodeId, i) => {
      const node = nodes.find((n) => n.id === nodeId);
      if (!node) return [{ path: `nodeIds.${i}`, message: `No server has id ${nodeId}.` }];
      if (node.clusterId !== null)
        return [{ path: `nodeIds.${i}`, message: `${node.name} is already a cluster node.` }];
      if (!parseList(node.roles).includes("Hyper-V")) {
        return [{ path: `nodeIds.${i}`, message: `${node.name} does not have the Hyper-V role.` }];
      }
      return [];
    });
    if (issues.length > 0) throw new ValidationError("These servers cannot form the cluster.", issues);
    const cluster = await tx.cluster.create({
      data: {
        name: input.name,
        fqdn,
        ipAddress: input.ipAddress,
        maxParallelMigrations: input.maxParallelMigrations,
        tags: JSON.stringify(input.tags),
        domainId: domain.id,
      },
      select: { id: true },
    });
    await tx.host.updateMany({
      where: { id: { in: input.nodeIds } },
      data: { clusterId: cluster.id },
    });
    return cluster.id;
  });
  return getCluster(id);
}
