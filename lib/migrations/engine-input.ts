// The engine's MigrationInput for a planned move, from plain inventory rows (no Prisma here, so it
// is unit-tested without a database). Sizes in the inventory: MiB, GiB, Mbit/s.
import { DEFAULT_POLICY, type LinkInput, type MigrationInput, type Transport } from "@/lib/engine";
import { inSubnet } from "@/lib/hyperv/preflight";
import type { MigrationKind } from "@/lib/schemas/migration";

const MiB = 2 ** 20;
const GiB = 2 ** 30;
export const PAGE_BYTES = 4096;
/** Seeded noise on every live run: a few percent, so charts look measured yet replay the same. */
export const ENGINE_NOISE = 0.03;
/** A storage migration copies between local volumes: a typical SSD/RAID sequential rate. */
export const LOCAL_DISK_BYTES_PER_SECOND = 500e6;
/** Used when a host lists no NIC at all (a hand-made host): one gigabit. */
const FALLBACK_MBPS = 1000;
/**
 * Quick migration takes the clustered role offline (save) and online (restore) on the other node:
 * seconds of cluster work on top of moving the memory, not the 0.45 s of a live switchover.
 */
export const QUICK_SWITCHOVER_MS = 5000;

export interface EngineNic {
  speedMbps: number;
  rdma: boolean;
  /** Management | LiveMigration | Storage | Cluster | VM */
  purpose: string;
  /** Its address: a cluster's live-migration network picks the NICs on its subnet. */
  ipAddress?: string | null;
}

export interface EngineHost {
  id: number;
  adapters: EngineNic[];
  /** Hyper-V Settings > Live Migrations; null: Hyper-V's defaults (Compression, 10 passes). */
  migration: { performanceOption: string; maxPasses: number } | null;
}

export interface EngineVm {
  /** Assigned (startup) memory. */
  memoryMiB: number;
  hotSetMiB: number;
  writesPerSecond: number;
  coldMiBPerSecond: number;
  disks: { usedGiB: number; location: string }[];
}

export interface EngineInputArgs {
  kind: MigrationKind;
  vm: EngineVm;
  source: EngineHost;
  destination: EngineHost;
  seed: number;
  /**
   * Between two nodes of a cluster: the subnet of the first available network in the cluster's
   * live-migration order (lib/hyperv/cluster-settings.ts), whose NICs carry the move.
   */
  liveMigrationSubnet?: string | null;
}

const TRANSPORTS: Record<string, Transport> = { TCPIP: "tcpip", Compression: "compression", SMB: "smb" };

/** The source host's performance option decides the transport (Hyper-V's default is Compression). */
export function transportOf(performanceOption: string | undefined): Transport {
  return TRANSPORTS[performanceOption ?? "Compression"] ?? "compression";
}

interface End {
  bytesPerSecond: number;
  nics: number;
  rdma: boolean;
}

/**
 * One host's NICs for `purpose`, or on `subnet` when a cluster network was chosen; without any,
 * Hyper-V uses the management network.
 */
function endOf(host: EngineHost, purpose: string, subnet?: string | null): End {
  let nics = subnet
    ? host.adapters.filter((a) => a.ipAddress && inSubnet(a.ipAddress, subnet))
    : host.adapters.filter((a) => a.purpose === purpose);
  if (nics.length === 0) nics = host.adapters.filter((a) => a.purpose === "Management");
  if (nics.length === 0) return { bytesPerSecond: (FALLBACK_MBPS * 1e6) / 8, nics: 1, rdma: false };
  return {
    bytesPerSecond: (nics.reduce((sum, n) => sum + n.speedMbps, 0) * 1e6) / 8,
    nics: nics.length,
    rdma: nics.some((n) => n.rdma),
  };
}

/**
 * The path between two hosts: out through the source's live-migration NICs (the link; a TCP
 * stream rides one of them, SMB Multichannel all) and in through the destination's (`via`).
 * Moves that leave one host share its outgoing NICs, moves that enter one host its incoming
 * NICs, max-min fair; NICs are full duplex, so the two directions are apart. SMB Direct needs
 * RDMA at both ends.
 */
export function linkBetween(
  source: EngineHost,
  destination: EngineHost,
  purpose = "LiveMigration",
  subnet?: string | null,
): LinkInput {
  const a = endOf(source, purpose, subnet);
  const b = endOf(destination, purpose, subnet);
  return {
    bytesPerSecond: a.bytesPerSecond,
    nics: a.nics,
    rdma: a.rdma && b.rdma,
    id: `lm-out:${source.id}`,
    via: [{ id: `lm-in:${destination.id}`, bytesPerSecond: b.bytesPerSecond }],
  };
}

/** A host's local disks, shared by the disk copies that read or write them. */
export function diskOf(host: Pick<EngineHost, "id">) {
  return { id: `disk:${host.id}`, bytesPerSecond: LOCAL_DISK_BYTES_PER_SECOND };
}

/** Bytes of the VM's disks that a storage-moving kind copies (a disk on an SMB share stays put). */
export function storageBytes(vm: EngineVm): number {
  return vm.disks.filter((d) => d.location !== "SMB").reduce((sum, d) => sum + d.usedGiB * GiB, 0);
}

export function buildEngineInput({
  kind,
  vm,
  source,
  destination,
  seed,
  liveMigrationSubnet,
}: EngineInputArgs): MigrationInput {
  const maxPasses = source.migration?.maxPasses ?? DEFAULT_POLICY.maxPasses;
  const common = { pageBytes: PAGE_BYTES, noise: ENGINE_NOISE, seed };
  const memory = {
    memoryBytes: vm.memoryMiB * MiB,
    dirty: {
      model: "hotset" as const,
      hotSetBytes: vm.hotSetMiB * MiB,
      writesPerSecond: vm.writesPerSecond,
      coldBytesPerSecond: vm.coldMiBPerSecond * MiB,
    },
  };
  if (kind === "storage") {
    // Only the disks move: copied through the host's own disks (shared by every copy on them)
    // while the guest's writes are mirrored to both copies, then the VM switches to the new
    // files. Its memory stays where it is: no memory transfer, no blackout.
    return {
      ...common,
      ...memory,
      link: { ...diskOf(source), nics: 1 },
      transport: "raw",
      storage: { bytes: Math.max(storageBytes(vm), MiB), writeBytesPerSecond: vm.coldMiBPerSecond * MiB },
      policy: { maxPasses, memory: false },
    };
  }
  if (kind === "quick") {
    // The source saves the memory to the CSV and the destination reads it back: both cross the
    // storage network, so the path runs at half its rate, and nothing is copied before the pause.
    const a = endOf(source, "Storage");
    const b = endOf(destination, "Storage");
    const slower = a.bytesPerSecond <= b.bytesPerSecond ? a : b;
    return {
      ...common,
      ...memory,
      link: {
        bytesPerSecond: slower.bytesPerSecond / 2,
        nics: slower.nics,
        rdma: a.rdma && b.rdma,
        id: `storage:${source.id}`,
      },
      transport: "raw",
      policy: { maxPasses, precopy: false, switchoverMs: QUICK_SWITCHOVER_MS },
    };
  }
  const link = linkBetween(
    source,
    destination,
    "LiveMigration",
    kind === "live" ? liveMigrationSubnet : null,
  );
  const input: MigrationInput = {
    ...common,
    ...memory,
    link,
    transport: transportOf(source.migration?.performanceOption),
    policy: { maxPasses },
  };
  if (kind === "shared-nothing") {
    // The disks cross first, over the live-migration network, read from the source's disks and
    // written to the destination's; the guest's writes meanwhile go to both copies (mirrored).
    input.storage = {
      bytes: storageBytes(vm),
      writeBytesPerSecond: vm.coldMiBPerSecond * MiB,
      disks: [diskOf(source), diskOf(destination)],
    };
  }
  return input;
}
