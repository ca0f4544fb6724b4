import { describe, expect, it } from "vitest";
import { checkInput, predict } from "@/lib/engine";
import {
  buildEngineInput,
  type EngineHost,
  type EngineVm,
  LOCAL_DISK_BYTES_PER_SECOND,
  linkBetween,
  QUICK_SWITCHOVER_MS,
  storageBytes,
  transportOf,
} from "./engine-input";

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const nic = (purpose: string, speedMbps: number, rdma = false) => ({ purpose, speedMbps, rdma });

// HV1/HV2 as seeded: a 25 Gbit/s RDMA live-migration NIC, 10 Gbit/s iSCSI, SMB transport.
const hv1: EngineHost = {
  id: 2,
  adapters: [nic("Management", 10_000), nic("LiveMigration", 25_000, true), nic("Storage", 10_000)],
  migration: { performanceOption: "SMB", maxPasses: 10 },
};
const hv2: EngineHost = { ...hv1, id: 3 };
// HV3: one 10 Gbit/s live-migration NIC, no RDMA, Compression, 5 passes (2012 R2 and later).
const hv3: EngineHost = {
  id: 5,
  adapters: [nic("Management", 1000), nic("LiveMigration", 10_000)],
  migration: { performanceOption: "Compression", maxPasses: 5 },
};
const web: EngineVm = {
  memoryMiB: 8192,
  hotSetMiB: 512,
  writesPerSecond: 12_000,
  coldMiBPerSecond: 1,
  disks: [{ usedGiB: 22, location: "CSV" }],
};

describe("transport and link", () => {
  it("takes the transport from the source's performance option", () => {
    expect(transportOf("TCPIP")).toBe("tcpip");
    expect(transportOf("Compression")).toBe("compression");
    expect(transportOf("SMB")).toBe("smb");
    expect(transportOf(undefined)).toBe("compression");
  });

  it("out through the source's live-migration NICs, in through the destination's; RDMA only when both have it", () => {
    expect(linkBetween(hv1, hv2)).toEqual({
      bytesPerSecond: 25e9 / 8,
      nics: 1,
      rdma: true,
      id: "lm-out:2",
      via: [{ id: "lm-in:3", bytesPerSecond: 25e9 / 8 }],
    });
    // HV3's one 10 Gbit/s NIC limits a move into it, through `via`.
    expect(linkBetween(hv1, hv3)).toEqual({
      bytesPerSecond: 25e9 / 8,
      nics: 1,
      rdma: false,
      id: "lm-out:2",
      via: [{ id: "lm-in:5", bytesPerSecond: 10e9 / 8 }],
    });
    expect(
      predict(buildEngineInput({ kind: "live", vm: web, source: hv1, destination: hv3, seed: 1 })).passList[0]
        ?.throughputBytesPerSecond,
    ).toBeLessThan(10e9 / 8);
    const teamed: EngineHost = {
      ...hv3,
      adapters: [nic("LiveMigration", 10_000, true), nic("LiveMigration", 10_000, true)],
    };
    expect(linkBetween(teamed, hv1)).toMatchObject({
      bytesPerSecond: 20e9 / 8,
      nics: 2,
      rdma: true,
      id: "lm-out:5",
    });
  });

  it("a cluster's chosen live-migration network picks the NICs on its subnet", () => {
    const on = (purpose: string, speedMbps: number, ipAddress: string, rdma = false) => ({
      ...nic(purpose, speedMbps, rdma),
      ipAddress,
    });
    const node = (id: number, n: number): EngineHost => ({
      id,
      adapters: [
        on("Management", 10_000, `10.0.0.${n}`),
        on("LiveMigration", 25_000, `192.168.10.${n}`, true),
      ],
      migration: { performanceOption: "SMB", maxPasses: 10 },
    });
    // The management network first in the order: its 10 Gbit/s NICs, without RDMA, carry the move.
    expect(linkBetween(node(2, 11), node(3, 12), "LiveMigration", "10.0.0.0/24")).toEqual({
      bytesPerSecond: 10e9 / 8,
      nics: 1,
      rdma: false,
      id: "lm-out:2",
      via: [{ id: "lm-in:3", bytesPerSecond: 10e9 / 8 }],
    });
    const live = buildEngineInput({
      kind: "live",
      vm: web,
      source: node(2, 11),
      destination: node(3, 12),
      seed: 1,
      liveMigrationSubnet: "192.168.10.0/24",
    });
    expect(live.link).toMatchObject({ bytesPerSecond: 25e9 / 8, rdma: true });
  });

  it("without a live-migration NIC the management NICs carry it", () => {
    const plain: EngineHost = { id: 9, adapters: [nic("Management", 1000)], migration: null };
    expect(linkBetween(plain, hv1)).toMatchObject({ bytesPerSecond: 1e9 / 8, nics: 1, rdma: false });
  });
});

describe("buildEngineInput", () => {
  it("live: memory in 4 KiB pages, the workload's hot set, the source's transport and pass cap, noise", () => {
    const input = buildEngineInput({ kind: "live", vm: web, source: hv1, destination: hv2, seed: 7 });
    expect(input).toEqual({
      memoryBytes: 8 * GiB,
      pageBytes: 4096,
      dirty: { model: "hotset", hotSetBytes: 512 * MiB, writesPerSecond: 12_000, coldBytesPerSecond: MiB },
      link: {
        bytesPerSecond: 25e9 / 8,
        nics: 1,
        rdma: true,
        id: "lm-out:2",
        via: [{ id: "lm-in:3", bytesPerSecond: 25e9 / 8 }],
      },
      transport: "smb",
      policy: { maxPasses: 10 },
      noise: 0.03,
      seed: 7,
    });
    expect(() => checkInput(input)).not.toThrow();
    expect(buildEngineInput({ kind: "live", vm: web, source: hv3, destination: hv1, seed: 1 })).toMatchObject(
      {
        transport: "compression",
        policy: { maxPasses: 5 },
      },
    );
  });

  it("shared-nothing: the disks are copied over the link first, through both hosts' disks (SMB-hosted disks stay)", () => {
    const vm = {
      ...web,
      disks: [
        { usedGiB: 38, location: "Local" },
        { usedGiB: 100, location: "SMB" },
      ],
    };
    expect(storageBytes(vm)).toBe(38 * GiB);
    const input = buildEngineInput({ kind: "shared-nothing", vm, source: hv3, destination: hv1, seed: 1 });
    expect(input.policy).toEqual({ maxPasses: 5 });
    expect(input.storage).toEqual({
      bytes: 38 * GiB,
      writeBytesPerSecond: MiB,
      disks: [
        { id: "disk:5", bytesPerSecond: LOCAL_DISK_BYTES_PER_SECOND },
        { id: "disk:2", bytesPerSecond: LOCAL_DISK_BYTES_PER_SECOND },
      ],
    });
    // HV3's 10 Gbit/s NIC is faster than the disks: 500 MB/s, less the mirrored writes.
    const live = buildEngineInput({ kind: "live", vm, source: hv3, destination: hv1, seed: 1 });
    const copyMs = ((38 * GiB) / (LOCAL_DISK_BYTES_PER_SECOND - MiB)) * 1000;
    const shared = predict(input);
    expect(shared.storage?.durationMs).toBeCloseTo(copyMs, 0);
    expect(shared.totalMs - predict(live).totalMs).toBeCloseTo(copyMs, -1);
  });

  it("storage: the disks are copied through the host's own disks with writes mirrored; no memory moves", () => {
    const input = buildEngineInput({ kind: "storage", vm: web, source: hv3, destination: hv3, seed: 1 });
    expect(input).toMatchObject({
      memoryBytes: 8 * GiB,
      link: { bytesPerSecond: LOCAL_DISK_BYTES_PER_SECOND, id: "disk:5" },
      transport: "raw",
      storage: { bytes: 22 * GiB, writeBytesPerSecond: MiB },
      policy: { maxPasses: 5, memory: false },
    });
    const p = predict(input);
    expect(p).toMatchObject({ downtimeMs: 0, passes: 0, bytesSent: 0, reason: { kind: "storage" } });
    expect(p.storage?.durationMs).toBeCloseTo(((22 * GiB) / (LOCAL_DISK_BYTES_PER_SECOND - MiB)) * 1000, 3);
    expect(p.totalMs).toBeGreaterThan(((22 * GiB) / LOCAL_DISK_BYTES_PER_SECOND) * 1000);
    const empty = buildEngineInput({
      kind: "storage",
      vm: { ...web, disks: [] },
      source: hv3,
      destination: hv3,
      seed: 1,
    });
    expect(empty.storage?.bytes).toBe(MiB);
  });

  it("quick: no pre-copy, memory saved and restored through the storage network at half its rate", () => {
    const input = buildEngineInput({ kind: "quick", vm: web, source: hv1, destination: hv2, seed: 1 });
    expect(input).toMatchObject({
      memoryBytes: 8 * GiB,
      link: { bytesPerSecond: 10e9 / 8 / 2, id: "storage:2" },
      transport: "raw",
      policy: { maxPasses: 10, precopy: false, switchoverMs: QUICK_SWITCHOVER_MS },
    });
    const p = predict(input);
    expect(p.passes).toBe(0);
    // All 8 GiB (+ device state) in the blackout, on top of the cluster's offline/online.
    expect(p.downtimeMs).toBeGreaterThan(((8 * GiB) / (10e9 / 8 / 2)) * 1000 + QUICK_SWITCHOVER_MS);
    expect(p.downtimeMs).toBeGreaterThan(
      predict(buildEngineInput({ kind: "live", vm: web, source: hv1, destination: hv2, seed: 1 }))
        .downtimeMs * 10,
    );
  });
});
