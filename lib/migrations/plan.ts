import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Db, db as defaultDb, type Tx } from "@/lib/db";
import { type MigrationInput, predict } from "@/lib/engine";
import { NotFoundError, ValidationError } from "@/lib/http/errors";
import { delegationTo } from "@/lib/hyperv/delegation";
import { MISSING_SWITCH_MESSAGE_ID } from "@/lib/hyperv/failure-texts";
import { defaultStoragePathFor } from "@/lib/hyperv/high-availability";
import { powershellFor } from "@/lib/hyperv/powershell";
import {
  canMove,
  type KindContext,
  kindIncompatibilities,
  type PreflightHost,
  type PreflightVm,
  preflight,
  storageMoves,
} from "@/lib/hyperv/preflight";
import { holdsMemory } from "@/lib/hyperv/vm-state";
import { delegationOf } from "@/lib/inventory/active-directory";
import { parseList } from "@/lib/inventory/json";
import { labNow } from "@/lib/lab/now";
import {
  ACTIVE_STATUSES,
  type CompareMigrationInput,
  type CompareReport,
  type CompareResult,
  type DestinationOption,
  type Incompatibility,
  type KindOption,
  MIGRATION_KINDS,
  type MigrationKind,
} from "@/lib/schemas/migration";
import { VM_STATES } from "@/lib/schemas/vm";
import { buildEngineInput, type EngineHost } from "./engine-input";

/** What the Move pane is shown (CompareResult) plus what starting the move needs. */
export type MigrationPlan = CompareResult & {
  engineInput: MigrationInput | null;
  sourceHostId: number;
  destinationHostId: number | null;
};

/** Running and paused VMs hold their memory; a saved VM's memory is on disk. */
const HOLDING_STATES = VM_STATES.filter(holdsMemory);

const vmSelect = {
  id: true,
  name: true,
  state: true,
  hostId: true,
  memoryMiB: true,
  dynamicMemory: true,
  memoryMaxMiB: true,
  processorCompatibility: true,
  highlyAvailable: true,
  hotSetMiB: true,
  writesPerSecond: true,
  coldMiBPerSecond: true,
  adapters: { select: { switchName: true }, orderBy: { id: "asc" } },
  disks: { select: { path: true, location: true, usedGiB: true }, orderBy: { id: "asc" } },
} satisfies Prisma.VmSelect;

const hostSelect = {
  id: true,
  name: true,
  state: true,
  roles: true,
  managementIp: true,
  domainId: true,
  domain: { select: { name: true } },
  clusterId: true,
  cluster: { select: { name: true } },
  cpuVendor: true,
  cpuFeatureLevel: true,
  osBuild: true,
  memoryMiB: true,
  hostReservedMiB: true,
  adapters: {
    select: { speedMbps: true, rdma: true, purpose: true, ipAddress: true },
    orderBy: { id: "asc" },
  },
  switches: { select: { name: true }, orderBy: { name: "asc" } },
  migrationSettings: {
    select: {
      enabled: true,
      authentication: true,
      useAnyNetwork: true,
      performanceOption: true,
      maxPasses: true,
    },
  },
  migrationNetworks: { select: { subnet: true }, orderBy: [{ priority: "asc" }, { subnet: "asc" }] },
} satisfies Prisma.HostSelect;

type HostRow = Prisma.HostGetPayload<{ select: typeof hostSelect }>;
type VmRow = Prisma.VmGetPayload<{ select: typeof vmSelect }>;

function toPreflightHost(h: HostRow): PreflightHost {
  const lm = h.adapters
    .filter((a) => a.purpose === "LiveMigration" && a.ipAddress)
    .map((a) => a.ipAddress ?? "");
  return {
    id: h.id,
    name: h.name,
    state: h.state,
    hyperV: parseList(h.roles).includes("Hyper-V"),
    domain: h.domain?.name ?? null,
    clusterId: h.clusterId,
    clusterName: h.cluster?.name ?? null,
    cpuVendor: h.cpuVendor,
    cpuFeatureLevel: h.cpuFeatureLevel,
    osBuild: h.osBuild,
    migration: h.migrationSettings,
    // Without a live-migration NIC, Hyper-V sends from the host's management address.
    liveMigrationAddresses: lm.length > 0 ? lm : [h.managementIp],
    migrationSubnets: h.migrationNetworks.map((n) => n.subnet),
    switches: h.switches.map((s) => s.name),
  };
}

function toEngineHost(h: HostRow): EngineHost {
  return { id: h.id, adapters: h.adapters, migration: h.migrationSettings };
}

function toPreflightVm(vm: VmRow): PreflightVm {
  return {
    name: vm.name,
    state: vm.state,
    memoryMiB: vm.memoryMiB,
    dynamicMemory: vm.dynamicMemory,
    memoryMaxMiB: vm.memoryMaxMiB,
    processorCompatibility: vm.processorCompatibility,
    highlyAvailable: vm.highlyAvailable,
    switches: [...new Set(vm.adapters.flatMap((a) => (a.switchName ? [a.switchName] : [])))],
    disks: vm.disks.map((d) => ({ path: d.path, location: d.location })),
  };
}

/**
 * Free memory per host: total - reserved - memory of Running and Paused VMs (a saved VM's memory
 * is on disk) - memory of VMs on their way in (queued or running moves not yet switched over).
 */
async function freeMemory(
  db: Db | Tx,
  hosts: HostRow[],
  ignoreMigrationId?: number,
): Promise<Map<number, number>> {
  // One aggregate over every host: a list of host ids would pass SQLite's parameter limit at scale.
  const held = await db.vm.groupBy({
    by: ["hostId"],
    where: { state: { in: HOLDING_STATES } },
    _sum: { memoryMiB: true },
  });
  const incoming = await db.migration.findMany({
    where: {
      status: { in: [...ACTIVE_STATUSES] },
      switchedOver: false,
      kind: { not: "storage" },
      ...(ignoreMigrationId === undefined ? {} : { id: { not: ignoreMigrationId } }),
    },
    select: { destinationHostId: true, vm: { select: { memoryMiB: true } } },
  });
  const used = new Map<number, number>();
  for (const row of held) used.set(row.hostId, (used.get(row.hostId) ?? 0) + (row._sum.memoryMiB ?? 0));
  for (const m of incoming) {
    used.set(m.destinationHostId, (used.get(m.destinationHostId) ?? 0) + m.vm.memoryMiB);
  }
  return new Map(hosts.map((h) => [h.id, h.memoryMiB - h.hostReservedMiB - (used.get(h.id) ?? 0)]));
}

const firstError = (list: Incompatibility[]) => list.find((i) => i.level === "error");

function operationType(kind: MigrationKind, vm: PreflightVm): CompareReport["operationType"] {
  if (kind === "storage") return "MoveVirtualMachineStorage";
  return storageMoves(kind, vm) ? "MoveVirtualMachineAndStorage" : "MoveVirtualMachine";
}

/**
 * Everything the Move pane shows for one set of choices: kinds, destinations, the Compare-VM report,
 * the prediction and the PowerShell. Reads only; "already moving" (409) is the caller's check.
 */
export async function planMigration(
  db: Db | Tx,
  input: CompareMigrationInput,
  options: {
    /** A queued move being re-checked as it starts: its own reservation is not someone else's. */
    ignoreMigrationId?: number;
    /** The lab's now, for what the source's Kerberos tickets carry (default: the lab clock). */
    now?: Date;
  } = {},
): Promise<MigrationPlan> {
  const vmRow = await db.vm.findUnique({ where: { id: input.vmId }, select: vmSelect });
  if (!vmRow) throw new NotFoundError("Virtual machine", input.vmId);
  const sourceRow = await db.host.findUniqueOrThrow({ where: { id: vmRow.hostId }, select: hostSelect });
  const explicitId = typeof input.destinationHostId === "number" ? input.destinationHostId : null;
  for (const [path, id] of [
    ["destinationHostId", explicitId],
    ["signedInHostId", input.signedInHostId ?? null],
  ] as const) {
    if (id !== null && !(await db.host.findUnique({ where: { id }, select: { id: true } }))) {
      throw new ValidationError("The request has invalid fields.", [
        { path, message: `Host ${id} was not found.` },
      ]);
    }
  }
  const hostRows = await db.host.findMany({
    where: { OR: [{ domainId: sourceRow.domainId }, ...(explicitId !== null ? [{ id: explicitId }] : [])] },
    select: hostSelect,
    orderBy: { name: "asc" },
  });
  const free = await freeMemory(db, hostRows, options.ignoreMigrationId);
  // Constrained delegation as the source's Kerberos tickets carry it now (a change waits for replication).
  const delegation = await delegationOf(db, sourceRow.id, options.now ?? labNow());

  const vm = toPreflightVm(vmRow);
  const source = toPreflightHost(sourceRow);
  const clustered = vm.highlyAvailable;
  const kind: MigrationKind = input.kind ?? (clustered ? "live" : "shared-nothing");
  const startedFrom = input.startedFrom ?? "admin-center";
  const switchMap = input.switchMap ?? {};
  const defaultStoragePath = storageMoves(kind, vm) ? defaultStoragePathFor(vm.name) : null;
  const storagePath = storageMoves(kind, vm) ? (input.storagePath ?? defaultStoragePath) : null;

  const kinds: KindOption[] = MIGRATION_KINDS.map((k) => {
    const blocking = firstError(
      kindIncompatibilities({ kind: k, vm, source, startedFrom } satisfies KindContext),
    );
    return blocking ? { kind: k, enabled: false, reason: blocking.message } : { kind: k, enabled: true };
  });

  const checkAgainst = (row: HostRow): Incompatibility[] =>
    preflight({
      kind,
      vm,
      source,
      destination: toPreflightHost(row),
      startedFrom,
      ...(input.signedInHostId !== undefined ? { signedInHostId: input.signedInHostId } : {}),
      delegatedServices: delegationTo(delegation.state, row.id).services,
      delegationAnyProtocol: delegationTo(delegation.state, row.id).anyProtocol,
      delegationPending: delegation.pendingUntil !== null,
      switchMap,
      storagePath,
      destinationFreeMemoryMiB: free.get(row.id) ?? 0,
    });

  const candidates =
    kind === "storage"
      ? [sourceRow]
      : hostRows.filter(
          (h) =>
            h.id !== sourceRow.id &&
            h.domainId === sourceRow.domainId &&
            parseList(h.roles).includes("Hyper-V"),
        );
  const checked = new Map(candidates.map((h) => [h.id, checkAgainst(h)]));
  const destinations: DestinationOption[] = candidates.map((h) => {
    const list = checked.get(h.id) ?? [];
    const blocking = firstError(list);
    const dest = toPreflightHost(h);
    return {
      hostId: h.id,
      name: h.name,
      state: h.state,
      cpuVendor: h.cpuVendor,
      cpuFeatureLevel: h.cpuFeatureLevel,
      freeMemoryMiB: Math.max(0, free.get(h.id) ?? 0),
      missingSwitches: vm.switches.filter(
        (s) => !dest.switches.some((d) => d.toLowerCase() === (switchMap[s] ?? s).toLowerCase()),
      ),
      sameCluster: h.clusterId !== null && h.clusterId === sourceRow.clusterId,
      compatible: !blocking,
      ...(blocking ? { reason: blocking.hint ?? blocking.message } : {}),
    };
  });

  let chosen: HostRow | null = null;
  if (explicitId !== null) {
    chosen = hostRows.find((h) => h.id === explicitId) ?? null;
  } else {
    // Memory-aware: the compatible host with the most free memory, ties by name. When none is
    // compatible only because a switch is missing, the best of those: Options then offers that
    // host's switches to map the missing ones to (a mapped switch makes it compatible).
    const ranked = [...destinations].sort(
      (a, b) => b.freeMemoryMiB - a.freeMemoryMiB || a.name.localeCompare(b.name),
    );
    const onlySwitchesMissing = (hostId: number) =>
      (checked.get(hostId) ?? [])
        .filter((i) => i.level === "error")
        .every((i) => i.messageId === MISSING_SWITCH_MESSAGE_ID);
    const best = ranked.find((d) => d.compatible) ?? ranked.find((d) => onlySwitchesMissing(d.hostId));
    chosen = best ? (hostRows.find((h) => h.id === best.hostId) ?? null) : null;
  }

  let incompatibilities: Incompatibility[];
  if (chosen) {
    incompatibilities = checked.get(chosen.id) ?? checkAgainst(chosen);
  } else {
    incompatibilities = [
      ...kindIncompatibilities({ kind, vm, source, startedFrom }),
      {
        level: "error",
        rule: "destination",
        source: vm.name,
        message: `No host can take virtual machine '${vm.name}'.`,
        messageId: 0,
        hint:
          destinations.length === 0
            ? "There is no other Hyper-V host in the domain."
            : "Every host has a blocking incompatibility; the destination list shows each one's reason.",
      },
    ];
  }
  const ok = chosen !== null && canMove(incompatibilities);
  const destination = chosen ? toPreflightHost(chosen) : null;

  const engineInput =
    ok && chosen
      ? buildEngineInput({
          kind,
          vm: {
            memoryMiB: vmRow.memoryMiB,
            hotSetMiB: vmRow.hotSetMiB,
            writesPerSecond: vmRow.writesPerSecond,
            coldMiBPerSecond: vmRow.coldMiBPerSecond,
            disks: vmRow.disks,
          },
          source: toEngineHost(sourceRow),
          destination: toEngineHost(chosen),
          seed: input.seed ?? 1,
        })
      : null;

  return {
    vm: {
      id: vmRow.id,
      name: vmRow.name,
      state: vmRow.state,
      hostId: sourceRow.id,
      hostName: sourceRow.name,
      clustered,
    },
    kind,
    kinds,
    destinations,
    destination: chosen ? { hostId: chosen.id, name: chosen.name, chosenAsBest: explicitId === null } : null,
    switches: vm.switches.map((name) => ({
      name,
      existsOnDestination: destination?.switches.some((s) => s.toLowerCase() === name.toLowerCase()) ?? false,
    })),
    destinationSwitches: destination?.switches ?? [],
    defaultStoragePath,
    report: {
      vm: vm.name,
      operationType: operationType(kind, vm),
      destination: chosen?.name ?? "",
      incompatibilities,
      canMove: ok,
    },
    prediction: engineInput ? predict(engineInput) : null,
    powershell: chosen
      ? powershellFor({
          kind,
          vmName: vm.name,
          sourceHost: source.name,
          destinationHost: chosen.name,
          clusterName: source.clusterName,
          startedFrom,
          storagePath,
          switchMap,
          sourceSwitches: source.switches,
        })
      : "",
    engineInput,
    sourceHostId: sourceRow.id,
    destinationHostId: chosen?.id ?? null,
  };
}

/** POST /api/migrations/compare: the plan as the Move pane reads it, without the server's parts. */
export async function compareMigration(input: CompareMigrationInput): Promise<CompareResult> {
  const {
    engineInput: _input,
    sourceHostId: _source,
    destinationHostId: _destination,
    ...result
  } = await planMigration(defaultDb, input);
  return result;
}
