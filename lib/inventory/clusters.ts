import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/http/errors";
import { hostMemory } from "@/lib/hyperv/memory";
import type { ClusterListQuery } from "@/lib/schemas/cluster";
import { pageOf, parseList } from "./json";
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
            select: {
              path: true,
              target: { select: { name: true } },
              dataDisk: { select: { host: { select: { name: true } } } },
            },
          },
          _count: { select: { vmDisks: true } },
        },
      },
    },
  });
  if (!row) throw new NotFoundError("Cluster", id);
  // The cluster's disks (Add-ClusterDisk), and the disks it could add: formatted, reached by every node.
  const nodeIds = row.nodes.map((n) => n.id);
  const [disks, reachable] = await Promise.all([
    db.iscsiVirtualDisk.findMany({
      where: { clusterId: id },
      orderBy: { id: "asc" },
      select: {
        id: true,
        path: true,
        sizeGiB: true,
        clusterDiskName: true,
        dataDisk: { select: { host: { select: { name: true } } } },
        target: { select: { name: true } },
        volumes: { where: { clusterId: id }, select: { id: true, name: true, path: true } },
      },
    }),
    db.iscsiVirtualDisk.findMany({
      where: { clusterId: null, formatted: true, dataDisk: { offline: false }, target: { isNot: null } },
      orderBy: { path: "asc" },
      select: {
        id: true,
        path: true,
        sizeGiB: true,
        dataDisk: { select: { host: { select: { name: true } } } },
        target: { select: { name: true, connections: { select: { hostId: true } } } },
      },
    }),
  ]);
  const available = reachable.filter(
    (d) => nodeIds.length > 0 && nodeIds.every((n) => d.target?.connections.some((c) => c.hostId === n)),
  );
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
    witness: row.witnessDiskId
      ? {
          type: "disk" as const,
          disk: disks.find((d) => d.id === row.witnessDiskId)?.clusterDiskName ?? null,
        }
      : row.witnessShare
        ? { type: "fileShare" as const, path: row.witnessShare }
        : { type: "none" as const },
    disks: disks.map((d) => ({
      id: d.id,
      name: d.clusterDiskName ?? `Cluster Disk ${d.id}`,
      path: d.path,
      sizeGiB: d.sizeGiB,
      server: d.dataDisk.host.name,
      target: d.target?.name ?? null,
      volumeId: d.volumes[0]?.id ?? null,
      assignedTo:
        row.witnessDiskId === d.id
          ? "Disk Witness in Quorum"
          : d.volumes[0]
            ? `Cluster Shared Volume (${d.volumes[0].path})`
            : "Available Storage",
    })),
    availableDisks: available.map((d) => ({
      id: d.id,
      path: d.path,
      sizeGiB: d.sizeGiB,
      server: d.dataDisk.host.name,
      target: d.target?.name ?? null,
    })),
    volumes: row.volumes.map(({ _count, virtualDisk, ...v }) => ({
      ...v,
      vmDiskCount: _count.vmDisks,
      backing: virtualDisk
        ? {
            path: virtualDisk.path,
            target: virtualDisk.target?.name ?? null,
            server: virtualDisk.dataDisk.host.name,
          }
        : null,
    })),
  };
}
export type ClusterDetail = Awaited<ReturnType<typeof getCluster>>;
