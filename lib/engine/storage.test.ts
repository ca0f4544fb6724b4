// Disk copies: shared-nothing moves copy the disks before the memory, storage moves copy them
// with no memory transfer and no pause.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedForm, closedFormCopy, predict, Simulation, simulate, TCP_TIMEOUT_MS } from "./index";
import { BARE_POLICY, GBE_1, GBE_10, GiB, MiB, rawLinear } from "./testkit";
import type { MigrationInput, SimEvent } from "./types";

const of = <T extends SimEvent["type"]>(events: SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

const stages = (events: SimEvent[]) =>
  events
    .filter((e) => e.type === "stage-started" || e.type === "stage-completed")
    .map((e) => `${e.type === "stage-started" ? "+" : "-"}${"stage" in e ? e.stage : ""}`);

/** Shared-nothing on a raw link: disks on both hosts faster than the link unless told otherwise. */
function sharedNothing(
  memoryBytes: number,
  linkBytesPerSecond: number,
  dirtyBytesPerSecond: number,
  storageBytes: number,
  writeBytesPerSecond: number,
  diskBytesPerSecond = 100 * GBE_10,
): MigrationInput {
  return {
    ...rawLinear(memoryBytes, linkBytesPerSecond, dirtyBytesPerSecond),
    storage: {
      bytes: storageBytes,
      writeBytesPerSecond,
      disks: [
        { id: "disk:src", bytesPerSecond: diskBytesPerSecond },
        { id: "disk:dst", bytesPerSecond: diskBytesPerSecond },
      ],
    },
  };
}

/** A storage move: the host's disk path is its link, the memory stays put. */
function storageOnly(storageBytes: number, diskBytesPerSecond: number, writeBytesPerSecond: number) {
  return {
    ...rawLinear(4 * GiB, diskBytesPerSecond, 0, { setupMs: 500, cleanupMs: 750, switchoverMs: 450 }),
    link: { bytesPerSecond: diskBytesPerSecond, id: "disk:host" },
    storage: { bytes: storageBytes, writeBytesPerSecond },
    policy: { ...BARE_POLICY, setupMs: 500, cleanupMs: 750, switchoverMs: 450, memory: false },
  } satisfies MigrationInput;
}

describe("shared-nothing: the disks cross before the memory, in their own stage", () => {
  it("stages: setup, storage copy, memory transfer, state transfer, cleanup", () => {
    const { events, summary } = simulate(sharedNothing(4 * GiB, GBE_1, 8 * MiB, 40 * GiB, 2 * MiB));
    expect(stages(events)).toEqual([
      "+setup",
      "-setup",
      "+storage-copy",
      "-storage-copy",
      "+memory-transfer",
      "-memory-transfer",
      "+state-transfer",
      "-state-transfer",
      "+cleanup",
      "-cleanup",
    ]);
    // The blackout comes after every disk byte and every pass.
    const copied = events.find((e) => e.type === "stage-completed" && e.stage === "storage-copy");
    const firstPass = of(events, "pass")[0];
    expect(firstPass?.atMs ?? 0).toBeGreaterThan(copied?.atMs ?? Number.NaN);
    expect(summary.storage).toMatchObject({ bytes: 40 * GiB, copiedBytes: 40 * GiB, completed: true });
    // The summary's bytesSent stays memory only; the disks are in `storage`.
    expect(summary.bytesSent).toBeLessThan(8 * GiB);
  });

  it("total time = setup + disk copy + the memory phases, against the closed forms", () => {
    const setupMs = 1500;
    const arb = fc.record({
      memory: fc.integer({ min: 256, max: 16 * 1024 }).map((m) => m * MiB),
      link: fc.double({ min: 50e6, max: 3e9, noNaN: true }),
      lambda: fc.double({ min: 0, max: 0.9, noNaN: true }),
      disk: fc.integer({ min: 1, max: 400 }).map((g) => g * GiB),
      writes: fc.double({ min: 0, max: 0.8, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, ({ memory, link, lambda, disk, writes }) => {
        const input = sharedNothing(memory, link, lambda * link, disk, writes * link);
        input.policy = { ...input.policy, setupMs };
        const { summary, events } = simulate(input);
        const copy = closedFormCopy({
          storageBytes: disk,
          bytesPerSecond: link,
          writeBytesPerSecond: writes * link,
        });
        const cf = closedForm({
          memoryBytes: memory,
          bytesPerSecond: link,
          dirtyBytesPerSecond: lambda * link,
          stopBelowBytes: BARE_POLICY.stopBelowBytes,
          maxPasses: BARE_POLICY.maxPasses,
        });
        const close = (a: number, b: number) =>
          expect(Math.abs(a - b) / Math.max(1, Math.abs(b))).toBeLessThanOrEqual(1e-6);
        close(summary.storage?.durationMs ?? Number.NaN, copy.copyMs);
        close(summary.storage?.mirroredBytes ?? Number.NaN, copy.mirroredBytes);
        const copyEnd = events.find((e) => e.type === "stage-completed" && e.stage === "storage-copy");
        close(copyEnd?.atMs ?? Number.NaN, setupMs + copy.copyMs);
        expect(summary.passes).toBe(cf.passes);
        close(summary.downtimeMs, cf.downtimeMs);
        close(summary.totalMs, setupMs + copy.copyMs + cf.totalMs);
      }),
      { numRuns: 120 },
    );
  });

  it("the slower of the disks and the link limits the copy, and the mirrored writes add to the bytes", () => {
    // 10 GbE link, 500 MB/s disks: the disks limit it. 20 MB/s of guest writes are mirrored.
    const input = sharedNothing(2 * GiB, GBE_10, 0, 50e9, 20e6, 500e6);
    const { summary } = simulate(input);
    expect(summary.storage?.durationMs).toBeCloseTo((50e9 / (500e6 - 20e6)) * 1000, 3);
    expect(summary.storage?.mirroredBytes).toBeCloseTo(20e6 * (50e9 / 480e6), 0);
    expect(summary.storage?.wireBytes).toBeCloseTo(50e9 + (summary.storage?.mirroredBytes ?? 0), 0);
    // On 1 GbE the link is the bottleneck.
    const slow = simulate(sharedNothing(2 * GiB, GBE_1, 0, 50e9, 20e6, 500e6)).summary;
    expect(slow.storage?.durationMs).toBeCloseTo((50e9 / (GBE_1 - 20e6)) * 1000, 3);
  });

  it("writes faster than the path: the guest's mirrored writes take at most half, the copy still ends", () => {
    const { summary } = simulate(sharedNothing(GiB, GBE_1, 0, 10 * GiB, 10 * GBE_1));
    expect(summary.storage?.durationMs).toBeCloseTo(((10 * GiB) / (GBE_1 / 2)) * 1000, 3);
  });

  it("progress reports the copy: bytes copied, mirrored, the rate and its percent; percent never falls", () => {
    const sim = new Simulation({ progressIntervalMs: 5000 });
    sim.addMigration("m", sharedNothing(4 * GiB, GBE_1, 4 * MiB, 20 * GiB, 5e6), 0);
    const progress = of(sim.runToEnd(), "progress");
    const copying = progress.filter((p) => p.stage === "storage-copy");
    expect(copying.length).toBeGreaterThan(10);
    for (const p of copying) {
      expect(p.storage?.bytesPerSecond).toBeCloseTo(GBE_1, 0);
      expect(p.bytesPerSecond).toBe(0); // no memory moves yet
      expect(p.storage?.percent).toBeCloseTo((100 * (p.storage?.copiedBytes ?? 0)) / (20 * GiB), 6);
      expect(p.storage?.mirroredBytes).toBeGreaterThan(0);
    }
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.percent).toBeGreaterThanOrEqual(progress[i - 1]?.percent ?? 0);
      expect(progress[i]?.storage?.copiedBytes).toBeGreaterThanOrEqual(
        progress[i - 1]?.storage?.copiedBytes ?? 0,
      );
    }
    // The copy is most of the bytes: the percent is well past half when the memory starts.
    const firstMemory = progress.find((p) => p.stage === "memory-transfer");
    expect(firstMemory?.percent).toBeGreaterThan(70);
    expect(firstMemory?.storage).toMatchObject({ copiedBytes: 20 * GiB, percent: 100, bytesPerSecond: 0 });
  });

  it("two copies from one host share its disk max-min", () => {
    const sim = new Simulation({ progress: false });
    const a = sharedNothing(GiB, GBE_10, 0, 100 * GiB, 0, 500e6);
    sim.addMigration("a", a, 0);
    const b = {
      bytes: 100 * GiB,
      writeBytesPerSecond: 0,
      disks: [{ id: "disk:src", bytesPerSecond: 500e6 }],
    };
    sim.addMigration("b", { ...a, storage: b }, 0);
    sim.advanceTo(10_000);
    const { capacity, shares } = sim.linkShares("disk:src");
    expect(capacity).toBe(500e6);
    expect(shares.map((s) => s.wireBytesPerSecond)).toEqual([250e6, 250e6]);
  });

  it("a cancel during the copy rolls back from the storage copy and says how much was copied", () => {
    const input = sharedNothing(GiB, GBE_1, 0, 100 * GiB, 0);
    const sim = new Simulation();
    sim.addMigration("m", input, 0);
    sim.cancel("m", 60_000);
    const events = sim.runToEnd();
    const summary = sim.summary("m");
    expect(of(events, "rollback")).toEqual([
      { type: "rollback", migrationId: "m", atMs: 60_000, stage: "storage-copy", code: "cancelled" },
    ]);
    expect(summary?.owner).toBe("source");
    expect(summary?.storage).toMatchObject({ completed: false, copiedBytes: GBE_1 * 60 });
    expect(of(events, "blackout-started")).toEqual([]);
  });
});

describe("storage-only moves never pause the VM", () => {
  it("setup, the copy with writes mirrored, then the switch to the new files: no blackout, no pass", () => {
    const { events, summary } = simulate(storageOnly(22 * GiB, 500e6, 1 * MiB));
    expect(stages(events)).toEqual([
      "+setup",
      "-setup",
      "+storage-copy",
      "-storage-copy",
      "+cleanup",
      "-cleanup",
    ]);
    expect(of(events, "blackout-started")).toEqual([]);
    expect(of(events, "blackout-ended")).toEqual([]);
    expect(of(events, "pass")).toEqual([]);
    const copy = closedFormCopy({ storageBytes: 22 * GiB, bytesPerSecond: 500e6, writeBytesPerSecond: MiB });
    expect(summary).toMatchObject({ outcome: "succeeded", downtimeMs: 0, passes: 0, bytesSent: 0 });
    expect(summary.totalMs).toBeCloseTo(500 + copy.copyMs + 750, 6);
    expect(summary.reason).toEqual({
      kind: "storage",
      bytes: 22 * GiB,
      mirroredBytes: summary.storage?.mirroredBytes,
      durationMs: summary.storage?.durationMs,
    });
    expect(of(events, "progress").at(-1)?.percent).toBe(100);
    expect(predict(storageOnly(22 * GiB, 500e6, MiB))).toMatchObject({ downtimeMs: 0, passes: 0 });
  });

  it("has zero blackout whatever the disks, the writes and the faults", () => {
    const arb = fc.record({
      bytes: fc.integer({ min: 1, max: 2000 }).map((g) => g * GiB),
      disk: fc.double({ min: 50e6, max: 5e9, noNaN: true }),
      writes: fc.double({ min: 0, max: 2e9, noNaN: true }),
      slowAt: fc.double({ min: 0, max: 1, noNaN: true }),
      cancelAt: fc.option(fc.double({ min: 0, max: 1.2, noNaN: true })),
      memoryFault: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ bytes, disk, writes, slowAt, cancelAt, memoryFault }) => {
        const input = storageOnly(bytes, disk, writes);
        const endMs = simulate(input, { progress: false }).summary.endMs;
        const sim = new Simulation({ progressIntervalMs: Math.max(100, endMs / 50) });
        sim.addMigration("m", input, 0);
        sim.injectFault({ kind: "slow-link", migrationId: "m", bytesPerSecond: disk / 3 }, slowAt * endMs);
        if (memoryFault) sim.injectFault({ kind: "destination-out-of-memory", migrationId: "m" }, 0);
        if (cancelAt !== null) sim.cancel("m", cancelAt * endMs);
        const events = sim.runToEnd();
        const summary = sim.summary("m");
        expect(summary?.downtimeMs).toBe(0);
        expect(of(events, "blackout-started")).toEqual([]);
        expect(of(events, "pass")).toEqual([]);
        expect(events.filter((e) => e.type === "stage-started" && e.stage === "state-transfer")).toEqual([]);
        if (memoryFault) {
          const memory = of(events, "fault").find((f) => f.fault === "destination-out-of-memory");
          expect(memory?.effect).toEqual({ kind: "memory-not-moved" });
          expect(summary?.failure?.code).not.toBe("destination-out-of-memory");
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("a pulled cable during a disk copy", () => {
  it("the copy stands still while TCP retransmits, then the move rolls back from the storage copy", () => {
    const input = sharedNothing(GiB, GBE_1, 0, 100 * GiB, 2 * MiB);
    const sim = new Simulation();
    sim.addMigration("m", input, 0);
    sim.injectFault({ kind: "link-down", migrationId: "m" }, 60_000);
    const atPull = sim.advanceTo(60_000);
    expect(of(atPull, "fault")[0]?.effect).toEqual({ kind: "rolls-back", afterMs: TCP_TIMEOUT_MS });
    // Its share of the pulled cable is nothing, and the share event says the capacity went.
    expect(sim.linkShares("\u0000private:m")).toEqual({
      capacity: 0,
      shares: [{ migrationId: "m", wireBytesPerSecond: 0 }],
    });
    expect(of(atPull, "share").at(-1)).toMatchObject({
      migrationId: "m",
      wireBytesPerSecond: 0,
      cause: "capacity",
    });
    const copiedAt = (events: SimEvent[]) => of(events, "progress").at(-1)?.storage?.copiedBytes;
    const before = copiedAt(sim.advanceTo(61_000));
    const stalled = sim.advanceTo(60_000 + TCP_TIMEOUT_MS - 1);
    expect(copiedAt(stalled)).toBe(before);
    expect(stalled.filter((e) => e.type !== "progress")).toEqual([]);
    const events = sim.runToEnd();
    const summary = sim.summary("m");
    expect(of(events, "rollback")).toEqual([
      {
        type: "rollback",
        migrationId: "m",
        atMs: 60_000 + TCP_TIMEOUT_MS,
        stage: "storage-copy",
        code: "link-down",
      },
    ]);
    expect(summary).toMatchObject({
      outcome: "failed",
      owner: "source",
      failure: { code: "link-down", hresult: "0x8007274C" },
    });
    expect(summary?.storage?.completed).toBe(false);
    expect(summary?.storage?.copiedBytes).toBeCloseTo(before ?? Number.NaN, 3);
  });

  it("a storage move on a pulled path never pauses the VM either: it fails when TCP gives up", () => {
    const input = storageOnly(50 * GiB, 500e6, MiB);
    const sim = new Simulation();
    sim.addMigration("m", input, 0);
    sim.injectFault({ kind: "link-down", migrationId: "m" }, 10_000);
    const events = sim.runToEnd();
    expect(sim.summary("m")).toMatchObject({
      outcome: "failed",
      downtimeMs: 0,
      endMs: 10_000 + TCP_TIMEOUT_MS,
    });
    expect(of(events, "blackout-started")).toEqual([]);
  });
});
