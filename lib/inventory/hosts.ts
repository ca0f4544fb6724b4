import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, PreconditionError } from "@/lib/http/errors";
import { type HostMemory, hostMemory } from "@/lib/hyperv/memory";
import { labNow } from "@/lib/lab/now";
import type { CreateHostInput, HostListQuery, UpdateHostInput } from "@/lib/schemas/host";
import type { VmState } from "@/lib/schemas/vm";
import { writeMigrationSettings } from "./host-settings";
import { pageOf, parseList } from "./json";
import { claimComputerName } from "./names";
import { idsContaining } from "./search";

const hostListSelect = {
  id: true,
  name: true,
  fqdn: true,
  managementIp: true,
  osVersion: true,
  osBuild: true,
  cpuVendor: true,
  cpuModel: true,
  cpuFeatureLevel: true,
  logicalProcessors: true,
  memoryMiB: true,
  hostReservedMiB: true,
  cpuUsagePercent: true,
  state: true,
  roles: true,
  tags: true,
  managingAs: true,
  bootTime: true,
  cluster: { select: { id: true, name: true } },
} satisfies Prisma.HostSelect;

type HostRow = Prisma.HostGetPayload<{ select: typeof hostListSelect }>;

export interface HostSummary extends Omit<HostRow, "roles" | "tags" | "bootTime"> {
  type: "Server";
  roles: string[];
  tags: string[];
  bootTime: string;
  memory: HostMemory;
  vmCounts: { total: number; running: number };
}

async function guestMemoryByHost(hostIds: number[]) {
  const rows = await db.vm.groupBy({
    by: ["hostId", "state"],
    where: { hostId: { in: hostIds } },
    _sum: { memoryMiB: true },
    _count: { _all: true },
  });
  const byHost = new Map<number, { state: VmState; memoryMiB: number; count: number }[]>();
  for (const r of rows) {
    const list = byHost.get(r.hostId) ?? [];
    list.push({ state: r.state, memoryMiB: r._sum.memoryMiB ?? 0, count: r._count._all });
    byHost.set(r.hostId, list);
  }
  return byHost;
}

function summarize(
  row: HostRow,
  guests: { state: VmState; memoryMiB: number; count: number }[],
): HostSummary {
  return {
    ...row,
    type: "Server",
    roles: parseList(row.roles),
    tags: parseList(row.tags),
    bootTime: row.bootTime.toISOString(),
    memory: hostMemory(row, guests),
    vmCounts: {
      total: guests.reduce((n, g) => n + g.count, 0),
      running: guests.filter((g) => g.state === "Running").reduce((n, g) => n + g.count, 0),
    },
  };
}

export async function listHosts(query: HostListQuery) {
  const where: Prisma.HostWhereInput = {
    ...(query.q ? { id: { in: await idsContaining("Host", query.q) } } : {}),
    ...(query.tag ? { tags: { contains: JSON.stringify(query.tag) } } : {}),
    ...(query.role ? { roles: { contains: JSON.stringify(query.role) } } : {}),
    ...(query.clusterId ? { clusterId: query.clusterId } : {}),
  };
  const offset = Number(query.cursor ?? 0);
  const [rows, total] = await Promise.all([
    db.host.findMany({
      where,
      select: hostListSelect,
      orderBy: { name: "asc" },
      skip: offset,
      take: query.limit,
    }),
    db.host.count({ where }),
  ]);
  const guests = await guestMemoryByHost(rows.map((r) => r.id));
  return pageOf(
    rows.map((r) => summarize(r, guests.get(r.id) ?? [])),
    offset,
    query.limit,
    total,
  );
}

const hostDetailSelect = {
  ...hostListSelect,
  domain: { select: { name: true, netbiosName: true } },
  adapters: { orderBy: { id: "asc" } },
  switches: { orderBy: { name: "asc" }, include: { adapter: { select: { name: true } } } },
  migrationSettings: true,
  migrationNetworks: { orderBy: [{ priority: "asc" }, { subnet: "asc" }] },
  delegationsFrom: { include: { toHost: { select: { id: true, name: true } } }, orderBy: { id: "asc" } },
  dataDisks: { orderBy: { number: "asc" } },
} satisfies Prisma.HostSelect;

export async function getHost(id: number) {
  const row = await db.host.findUnique({ where: { id }, select: hostDetailSelect });
  if (!row) throw new NotFoundError("Host", id);
  const guests = (await guestMemoryByHost([id])).get(id) ?? [];
  const {
    adapters,
    switches,
    migrationSettings,
    migrationNetworks,
    delegationsFrom,
    dataDisks,
    domain,
    ...rest
  } = row;
  return {
    ...summarize(rest, guests),
    domain,
    adapters,
    switches: switches.map((s) => ({
      id: s.id,
      name: s.name,
      type: s.type,
      adapter: s.adapter?.name ?? null,
    })),
    migration: migrationSettings ? { ...migrationSettings, networks: migrationNetworks } : null,
    delegations: delegationsFrom.map((d) => ({ id: d.id, service: d.service, to: d.toHost })),
    dataDisks,
  };
}
export type HostDetail = Awaited<ReturnType<typeof getHost>>;

export async function createHost(input: CreateHostInput) {
  return writeTransaction(async (tx) => {
    const domain = await tx.domain.findFirst({ orderBy: { id: "asc" } });
    if (!domain) throw new PreconditionError("The inventory has no Active Directory domain to join.");
    const fqdn = input.fqdn ?? `${input.name.toLowerCase()}.${domain.name}`;
    await claimComputerName(tx, input.name, fqdn);
    const hyperV = input.roles.includes("Hyper-V");
    const host = await tx.host.create({
      data: {
        name: input.name,
        fqdn,
        managementIp: input.managementIp,
        osVersion: input.osVersion,
        osBuild: input.osVersion.includes("2025")
          ? "10.0.26100"
          : input.osVersion.includes("2019")
            ? "10.0.17763"
            : "10.0.20348",
        cpuVendor: input.cpuVendor,
        cpuModel: input.cpuModel,
        cpuFeatureLevel: input.cpuFeatureLevel,
        logicalProcessors: input.logicalProcessors,
        memoryMiB: input.memoryMiB,
        hostReservedMiB: Math.min(input.memoryMiB, Math.max(2048, Math.round(input.memoryMiB * 0.03))),
        roles: JSON.stringify(input.roles),
        tags: JSON.stringify(input.tags),
        bootTime: labNow(),
        domainId: domain.id,
        adapters: {
          create: {
            name: "Management",
            description: "Microsoft Hyper-V Network Adapter",
            speedMbps: 10_000,
            ipAddress: input.managementIp,
            prefixLength: 24,
            purpose: "Management",
          },
        },
        // A new computer account in Active Directory: not trusted for delegation.
        computerAccount: { create: {} },
        // Hyper-V's defaults: migrations off until enabled; Windows Server 2025 allows one at a time.
        ...(hyperV
          ? { migrationSettings: { create: { maxLiveMigrations: input.osVersion.includes("2025") ? 1 : 2 } } }
          : {}),
      },
      select: { id: true },
    });
    return host.id;
  }).then(getHost);
}

export async function updateHost(id: number, input: UpdateHostInput) {
  await writeTransaction(async (tx) => {
    const host = await tx.host.findUnique({
      where: { id },
      select: { id: true, name: true, roles: true, clusterId: true },
    });
    if (!host) throw new NotFoundError("Host", id);
    if (input.state === "Paused" && host.clusterId === null) {
      throw new PreconditionError("Only a cluster node can be paused; this server is not in a cluster.");
    }
    if (input.state === "Down") {
      const running = await tx.vm.count({ where: { hostId: id, state: { in: ["Running", "Paused"] } } });
      if (running > 0) {
        throw new PreconditionError(
          `${host.name} still runs ${running} virtual machine(s). Move them or turn them off before you take the server down.`,
          { running },
        );
      }
    }
    if (input.migration && !parseList(host.roles).includes("Hyper-V")) {
      throw new PreconditionError("Live-migration settings exist only on a Hyper-V host.");
    }
    // Every check is above this line: the writes below cannot be refused halfway.
    await tx.host.update({
      where: { id },
      data: {
        ...(input.state ? { state: input.state } : {}),
        ...(input.tags ? { tags: JSON.stringify(input.tags) } : {}),
        ...(input.managingAs ? { managingAs: input.managingAs } : {}),
      },
    });
    // Moves read the settings when they start; a running move keeps the input it started with.
    if (input.migration) await writeMigrationSettings(tx, host, input.migration, labNow());
  });
  return getHost(id);
}

export async function deleteHost(id: number): Promise<void> {
  await writeTransaction(async (tx) => {
    const host = await tx.host.findUnique({
      where: { id },
      select: {
        name: true,
        cluster: { select: { name: true } },
        _count: { select: { vms: true, iscsiTargets: true } },
      },
    });
    if (!host) throw new NotFoundError("Host", id);
    if (host._count.vms > 0) {
      throw new ConflictError(
        `${host.name} still owns ${host._count.vms} virtual machine(s). Move or remove them before removing the server.`,
        { vms: host._count.vms },
      );
    }
    if (host.cluster) {
      throw new ConflictError(
        `${host.name} is a node of ${host.cluster.name}. Evict it from the cluster (Remove-ClusterNode) before removing the server.`,
        { cluster: host.cluster.name },
      );
    }
    if (host._count.iscsiTargets > 0) {
      throw new ConflictError(`${host.name} serves iSCSI targets that cluster storage depends on.`);
    }
    const moving = await tx.migration.findFirst({
      where: {
        status: { in: ["queued", "running"] },
        OR: [{ sourceHostId: id }, { destinationHostId: id }],
      },
      select: { id: true, vmName: true },
    });
    if (moving) {
      throw new ConflictError(
        `${host.name} takes part in the move of '${moving.vmName}' (migration ${moving.id}). Wait for it to finish, or cancel it, before removing the server.`,
        { migrationId: moving.id },
      );
    }
    await tx.host.delete({ where: { id } });
  });
}
