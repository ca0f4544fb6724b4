import { describe, expect, it } from "vitest";
import { predict, Simulation } from "@/lib/engine";
import { GBE_1, GiB, MiB } from "@/lib/engine/testkit";
import type { MigrationInput } from "@/lib/engine/types";
import { formatBytes, formatSeconds } from "@/lib/present/format";
import { reasonText } from "@/lib/present/reasons";
import type {
  MigrationDetail,
  MigrationDto,
  MigrationStreamEvent,
  StreamPayloads,
} from "@/lib/schemas/migration";
import { applyStreamEvent, emptyDetail, foldEvents } from "@/lib/schemas/migration-state";
import {
  figures,
  howFar,
  inFlightBytes,
  interruptedPass,
  linkName,
  paceWords,
  passCap,
  passChartRows,
  passTableEmptyText,
  predictionNote,
  progressHeadline,
  progressLine,
  shareRows,
  simulatedClock,
  stageSteps,
  storageCopyRows,
  summaryTiles,
  throughputRows,
  transferNow,
  wireWords,
} from "./view-model";

const GB = 1e9;
const MB = 1e6;
const dto: MigrationDto = {
  id: 7,
  vmId: 3,
  vmName: "SQL01",
  kind: "live",
  sourceHost: { id: 2, name: "HV1" },
  policy: { maxPasses: 10, stopBelowBytes: 40_265_318 },
  destinationHost: { id: 3, name: "HV2" },
  startedFrom: "admin-center",
  startedBy: null,
  status: "running",
  stage: "pending",
  percent: 0,
  speed: 20,
  seed: 1,
  switchedOver: false,
  failure: null,
  prediction: {
    totalMs: 20_000,
    downtimeMs: 500,
    passes: 3,
    converged: true,
    stoppedAtCap: false,
    bytesSent: 40 * GB,
    wireBytes: 20 * GB,
    reason: { kind: "converged", passes: 3, dirtyBytes: 20 * MB, thresholdBytes: 38 * MB, downtimeMs: 400 },
    passList: [],
  },
  summary: null,
  queuePosition: null,
  createdAt: "2026-11-26T00:00:00.000Z",
  startedAt: "2026-11-26T00:00:00.000Z",
  finishedAt: null,
  lastSeq: 0,
};

let seq = 0;
function ev<T extends keyof StreamPayloads>(
  type: T,
  atMs: number,
  data: StreamPayloads[T],
): MigrationStreamEvent {
  seq += 1;
  return { seq, type, atMs, migrationId: dto.id, data } as MigrationStreamEvent;
}
const stage = (
  s: "setup" | "storage-copy" | "memory-transfer" | "state-transfer" | "cleanup",
  phase: "started" | "completed",
  at: number,
) => ev("stage", at, { stage: s, phase, migrationState: 1 });
function pass(n: number, atMs: number, bytes: number, dirtiedBytes: number) {
  return ev("pass", atMs, {
    atMs,
    pass: n,
    bytes,
    pages: bytes / 4096,
    wireBytes: bytes / 2,
    durationMs: 1000,
    dirtiedBytes,
    dirtiedPages: dirtiedBytes / 4096,
    dirtyBytesPerSecond: dirtiedBytes,
    throughputBytesPerSecond: bytes,
    remainingDirtyBytes: dirtiedBytes,
  });
}

/** A move 1 s into its second pass: setup done, pass 1 done, progress sampled. */
function midTransfer(): MigrationDetail {
  seq = 0;
  return foldEvents(dto, [
    stage("setup", "started", 1000),
    stage("setup", "completed", 4400),
    stage("memory-transfer", "started", 4400),
    pass(1, 14_400, 32 * GB, 6 * GB),
    ev("progress", 15_400, {
      stage: "memory-transfer",
      percent: 70,
      bytesSent: 35 * GB,
      wireBytes: 17.5 * GB,
      bytesPerSecond: 3 * GB,
      etaMs: 5000,
      cpuCores: 1,
      atMs: 15_400,
    }),
  ]);
}

describe("stageSteps", () => {
  it("checks finished stages, highlights the running one and numbers them with MigrationState", () => {
    const steps = stageSteps(midTransfer());
    expect(steps.map((s) => [s.label, s.state, s.migrationState])).toEqual([
      ["Setup", "done", 1],
      ["Memory transfer", "current", 2],
      ["State transfer", "pending", 3],
      ["Cleanup", "pending", 3],
    ]);
    expect(steps[0]?.durationMs).toBe(3400);
  });

  it("marks the stage a failed move stopped in with MigrationState 5, a cancelled one with 4", () => {
    const failed = { ...midTransfer(), status: "failed" as const };
    expect(stageSteps(failed).map((s) => [s.state, s.migrationState])).toEqual([
      ["done", 1],
      ["failed", 5],
      ["pending", 3],
      ["pending", 3],
    ]);
    const cancelled = { ...midTransfer(), status: "cancelled" as const };
    expect(stageSteps(cancelled)[1]).toMatchObject({ state: "cancelled", migrationState: 4 });
  });

  it("puts a move refused before it started (migration limit) at Setup", () => {
    const refused = { ...emptyDetail(dto), status: "failed" as const };
    expect(stageSteps(refused).map((s) => s.state)).toEqual(["failed", "pending", "pending", "pending"]);
  });

  it("leaves every stage pending while queued, and checks all four when done", () => {
    expect(stageSteps({ ...emptyDetail(dto), status: "queued" }).every((s) => s.state === "pending")).toBe(
      true,
    );
    seq = 100;
    const done = foldEvents(dto, [
      stage("setup", "started", 0),
      stage("setup", "completed", 1),
      stage("memory-transfer", "started", 1),
      stage("memory-transfer", "completed", 2),
      stage("state-transfer", "started", 2),
      stage("state-transfer", "completed", 3),
      stage("cleanup", "started", 3),
      stage("cleanup", "completed", 4),
      ev("done", 4, { status: "succeeded", summary: null, failure: null }),
    ]);
    expect(stageSteps(done).map((s) => s.state)).toEqual(["done", "done", "done", "done"]);
  });
});

describe("figures", () => {
  it("adds up live figures from the passes and samples, with the prediction's reason", () => {
    const f = figures(midTransfer());
    expect(f.final).toBe(false);
    expect(f.totalMs).toBe(14_400);
    expect(f.passes).toBe(1);
    expect(f.bytesSent).toBe(35 * GB);
    // Pass 1 went at 2:1; the 3 GB of the running pass are counted at the same ratio.
    expect(f.wireBytes).toBe(16 * GB + 1.5 * GB);
    expect(f.converged).toBeNull();
    // A running move gives the prediction's reason in the future tense: it has not ended.
    expect(f.reason).toMatch(/^The dirty set should shrink to 19.1 MB after 3 passes/);
  });

  it("reports a move refused before it started as final, not as a prediction", () => {
    const refused = { ...emptyDetail(dto), status: "failed" as const };
    expect(figures(refused)).toMatchObject({ final: true, passes: 0, bytesSent: 0, converged: null });
    expect(figures(refused).reason).toMatch(/^Refused before it started/);
  });

  it("uses the summary once the move is done", () => {
    const d: MigrationDetail = {
      ...midTransfer(),
      status: "succeeded",
      summary: {
        outcome: "succeeded",
        owner: "destination",
        startMs: 1000,
        endMs: 21_000,
        totalMs: 20_000,
        downtimeMs: 512,
        passes: 4,
        converged: false,
        stoppedAtCap: true,
        bytesSent: 50 * GB,
        wireBytes: 25 * GB,
        cpuCoreSeconds: 3,
        passList: [],
        reason: {
          kind: "pass-cap",
          cause: "dirty-rate-near-link",
          maxPasses: 10,
          dirtyBytes: 3 * GB,
          thresholdBytes: 38 * MB,
          downtimeMs: 2600,
          hotSetBytes: 0,
          dirtyBytesPerSecond: 900 * MB,
          linkBytesPerSecond: GB,
        },
      },
    };
    expect(figures(d)).toMatchObject({
      final: true,
      totalMs: 20_000,
      downtimeMs: 512,
      converged: false,
      passes: 4,
      reason: expect.stringMatching(/^The VM dirties memory at 858 MB\/s, close to the 954 MB\/s link/),
    });
    expect(passCap(d, 10)).toBe(4);
  });
});

describe("chart rows", () => {
  it("gives one slot per pass up to the cap, empty where no pass ran yet", () => {
    const d = midTransfer();
    const rows = passChartRows(d.passes, [], 5);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      pass: 1,
      sent: 32 * GB,
      sending: null,
      interrupted: null,
      dirtied: 6 * GB,
      predicted: null,
    });
    expect(rows[1]).toEqual({
      pass: 2,
      sent: null,
      sending: null,
      interrupted: null,
      dirtied: null,
      predicted: null,
    });
  });

  it("shows what the pass in flight has sent so far in the next slot, only while memory moves", () => {
    const d = midTransfer();
    expect(inFlightBytes(d)).toBe(3 * GB);
    const rows = passChartRows(d.passes, [], 5, inFlightBytes(d));
    expect(rows.map((r) => r.sending)).toEqual([null, 3 * GB, null, null, null]);
    expect(inFlightBytes({ ...d, stage: "state-transfer" })).toBeNull();
    expect(inFlightBytes({ ...d, status: "cancelled" })).toBeNull();
  });

  it("counts throughput time from the start of setup", () => {
    const d = midTransfer();
    expect(simulatedClock(d)).toEqual({ startMs: 1000, latestMs: 15_400 });
    expect(throughputRows(d)).toEqual([{ seconds: 14.4, bytesPerSecond: 3 * GB, percent: 70 }]);
  });

  it("takes the pass cap from the move's policy unless the prediction already hit it", () => {
    const d = midTransfer();
    expect(passCap(d, 5)).toBe(5);
    expect(passCap({ ...d, prediction: { ...d.prediction, stoppedAtCap: true, passes: 7 } }, 5)).toBe(7);
  });
});

/** A shared-nothing move halfway through its disk copy: 20 of 40 GB copied, 1 GB mirrored. */
function midCopy(): MigrationDetail {
  seq = 200;
  return foldEvents({ ...dto, kind: "shared-nothing" }, [
    stage("setup", "started", 0),
    stage("setup", "completed", 3400),
    stage("storage-copy", "started", 3400),
    ev("progress", 43_400, {
      stage: "storage-copy",
      percent: 40,
      bytesSent: 0,
      wireBytes: 0,
      bytesPerSecond: 0,
      etaMs: 60_000,
      cpuCores: 0.5,
      atMs: 43_400,
      storage: {
        bytes: 40 * GB,
        copiedBytes: 20 * GB,
        mirroredBytes: GB,
        bytesPerSecond: 500 * MB,
        percent: 50,
      },
    }),
  ]);
}

describe("moves that copy disks", () => {
  it("a shared-nothing move shows the storage copy as its own stage, before the memory", () => {
    expect(stageSteps(midCopy()).map((s) => [s.label, s.state, s.migrationState])).toEqual([
      ["Setup", "done", 1],
      ["Storage copy", "current", 2],
      ["Memory transfer", "pending", 2],
      ["State transfer", "pending", 3],
      ["Cleanup", "pending", 3],
    ]);
  });

  it("says what is moving now: the disks copied of the whole and their rate, not '0 bytes sent'", () => {
    const d = midCopy();
    const f = figures(d);
    expect(f.storage).toEqual({ bytes: 40 * GB, copiedBytes: 20 * GB, mirroredBytes: GB });
    expect(transferNow(d, f)).toEqual({
      what: "disks",
      done: 20 * GB,
      of: 40 * GB,
      bytesPerSecond: 500 * MB,
    });
    expect(throughputRows(d)).toEqual([
      { seconds: 43.4, bytesPerSecond: 0, storageBytesPerSecond: 500 * MB, percent: 40 },
    ]);
    // A live move has no storage figures and reports the memory.
    expect(figures(midTransfer()).storage).toBeNull();
    expect(transferNow(midTransfer(), figures(midTransfer()))).toMatchObject({
      what: "memory",
      done: 35 * GB,
    });
  });
});

/** A storage move 23.4 s in: 10 of 22 GB of disk copied, writes mirrored. */
function storageMove(): MigrationDetail {
  seq = 300;
  const progress = (atMs: number, copiedBytes: number, percent: number) =>
    ev("progress", atMs, {
      stage: "storage-copy",
      percent,
      bytesSent: 0,
      wireBytes: 0,
      bytesPerSecond: 0,
      etaMs: 1000,
      cpuCores: 0,
      atMs,
      storage: {
        bytes: 22 * GB,
        copiedBytes,
        mirroredBytes: copiedBytes / 500,
        bytesPerSecond: 500 * MB,
        percent: 0,
      },
    });
  return foldEvents({ ...dto, kind: "storage" }, [
    stage("setup", "started", 0),
    stage("setup", "completed", 3400),
    stage("storage-copy", "started", 3400),
    progress(13_400, 5 * GB, 25),
    progress(23_400, 10 * GB, 46),
  ]);
}

describe("a storage move", () => {
  it("has three stages, the last one the switch to the new files, and no memory stage", () => {
    expect(stageSteps(storageMove()).map((s) => [s.label, s.state])).toEqual([
      ["Setup", "done"],
      ["Storage copy", "current"],
      ["Switch to new files", "pending"],
    ]);
  });

  it("charts the copy over time, not memory passes", () => {
    const d = storageMove();
    expect(storageCopyRows(d)).toEqual([
      { seconds: 13.4, copiedBytes: 5 * GB, mirroredBytes: 10 * MB },
      { seconds: 23.4, copiedBytes: 10 * GB, mirroredBytes: 20 * MB },
    ]);
    expect(figures(d)).toMatchObject({ passes: 0, storage: { bytes: 22 * GB, copiedBytes: 10 * GB } });
    expect(storageCopyRows(midTransfer())).toEqual([]);
  });
});

describe("link share", () => {
  function sharing(): MigrationDetail {
    seq = 400;
    const link = (flows: [number, number][]) => [
      {
        id: "lm-out:2",
        capacityBytesPerSecond: 3 * GB,
        flows: flows.map(([migrationId, wireBytesPerSecond]) => ({ migrationId, wireBytesPerSecond })),
      },
      {
        id: "lm-in:3",
        capacityBytesPerSecond: 3 * GB,
        flows: [{ migrationId: 7, wireBytesPerSecond: 3 * GB }],
      },
    ];
    return foldEvents(dto, [
      ev("timeline", 0, { speed: 1, askedSpeed: 1, setBy: null }),
      stage("setup", "started", 0),
      stage("setup", "completed", 3400),
      stage("memory-transfer", "started", 3400),
      ev("share", 3400, {
        wireBytesPerSecond: 3 * GB,
        cause: "started",
        otherMigrationId: null,
        links: link([[7, 3 * GB]]),
      }),
      ev("timeline", 5000, { speed: 20, askedSpeed: 1, setBy: 8 }),
      ev("share", 8400, {
        wireBytesPerSecond: 1.5 * GB,
        cause: "joined",
        otherMigrationId: 8,
        links: link([
          [7, 1.5 * GB],
          [8, 1.5 * GB],
        ]),
      }),
      ev("progress", 10_400, {
        stage: "memory-transfer",
        percent: 30,
        bytesSent: 10 * GB,
        wireBytes: 10 * GB,
        bytesPerSecond: 1.5 * GB,
        etaMs: 9000,
        cpuCores: 0,
        atMs: 10_400,
      }),
    ]);
  }

  it("draws the share as steps up to now, against the tightest link", () => {
    expect(shareRows(sharing())).toEqual([
      { seconds: 3.4, share: 3 * GB, capacity: 3 * GB },
      { seconds: 8.4, share: 1.5 * GB, capacity: 3 * GB },
      { seconds: 10.4, share: 1.5 * GB, capacity: 3 * GB },
    ]);
  });

  it("drops to zero where the move stopped sending", () => {
    seq = 500;
    const ended = [
      stage("state-transfer", "started", 11_000),
      stage("state-transfer", "completed", 12_000),
    ].reduce(applyStreamEvent, sharing());
    expect(shareRows(ended).at(-1)).toEqual({ seconds: 12, share: 0, capacity: 3 * GB });
  });

  it("says its rates are on the wire, and what the wire carries besides the data", () => {
    const d = sharing();
    // The fixture's prediction goes on the wire at half the size: Compression.
    expect(wireWords(d)).toBe(
      "Rates on the wire, as the network carries them (framing included, the memory compressed).",
    );
    const raw = { ...d.prediction, wireBytes: d.prediction.bytesSent * 1.04 };
    expect(wireWords({ ...d, prediction: raw })).toBe(
      "Rates on the wire, as the network carries them (framing included).",
    );
    expect(wireWords({ ...d, kind: "shared-nothing", prediction: raw })).toBe(
      "Rates on the wire, as the network carries them (framing included, with the guest's mirrored writes).",
    );
    // A storage move within one host: only its disks.
    const disks = d.shares.map((s) => ({ ...s, links: s.links.map((l) => ({ ...l, id: "disk:2" })) }));
    expect(wireWords({ kind: "storage", shares: disks, prediction: raw })).toBe(
      "Rates through the disks: the copy and the guest's mirrored writes.",
    );
  });

  it("names the links and says which rate the move runs at, and who set it", () => {
    const d = sharing();
    expect(linkName("lm-out:2", d)).toBe("HV1's outgoing live-migration network");
    expect(linkName("lm-in:3~1", d)).toBe("HV2's incoming live-migration network");
    expect(linkName("disk:9", d)).toBe("host 9's disks");
    expect(paceWords(d)).toBe("Runs at 20x (asked 1x; move 8 asked 20x)");
    expect(paceWords({ ...d, pace: { speed: 20, askedSpeed: 20, setBy: null, sinceMs: 0 } })).toBe(
      "20x speed",
    );
    expect(paceWords({ ...d, pace: null })).toBe("20x speed");
    // Once ended, in the past.
    expect(paceWords({ ...d, status: "cancelled" })).toBe("Ran at 20x (asked 1x; move 8 asked 20x)");
  });
});

describe("re-prediction after a throttle", () => {
  const input: MigrationInput = {
    memoryBytes: 8 * GiB,
    pageBytes: 4096,
    dirty: { model: "hotset", hotSetBytes: 512 * MiB, writesPerSecond: 12_000, coldBytesPerSecond: MiB },
    link: { bytesPerSecond: GBE_1, id: "host:1" },
    transport: "tcpip",
    noise: 0.03,
    seed: 7,
  };

  /** A real move throttled to 100 Mbit/s 12.4 s in, folded as the page folds it. */
  function throttled() {
    const sim = new Simulation();
    sim.addMigration("m", input, 0);
    const before = sim.advanceTo(12_400);
    sim.injectFault({ kind: "slow-link", migrationId: "m", bytesPerSecond: 12.5e6 }, 12_400);
    const fault = sim.advanceTo(12_400).find((e) => e.type === "fault");
    if (fault?.type !== "fault") throw new Error("no fault event");
    seq = 0;
    const events = [
      stage("setup", "started", 0),
      ...before
        .filter((e) => e.type === "pass")
        .map((e) => {
          const { type: _t, migrationId: _m, ...data } = e as Extract<typeof e, { type: "pass" }>;
          return ev("pass", e.atMs, data);
        }),
      ev("fault", fault.atMs, { fault: fault.fault, effect: fault.effect }),
    ];
    const detail = foldEvents({ ...dto, prediction: predict(input) }, events);
    return { sim, detail };
  }

  it("the tiles show a fresh prediction from the move's state at the throttle, and say so", () => {
    const { sim, detail } = throttled();
    // Asked again, now, from the same state: the engine's model run on from where the move stands.
    const fresh = sim.forecast("m");
    if (!fresh) throw new Error("the move has ended");
    const f = figures(detail);
    const tiles = Object.fromEntries(summaryTiles(detail, f, 10).map((t) => [t.label, t]));
    expect(tiles["Total time"]?.detail).toBe(`Predicted ${formatSeconds(fresh.totalMs)}`);
    expect(tiles.Blackout?.detail).toBe(`Predicted ${formatSeconds(fresh.downtimeMs)}`);
    expect(tiles["Data sent"]?.detail).toContain(`predicted ${formatBytes(fresh.bytesSent)}`);
    expect(tiles["Pass count"]?.detail).toBe(`Predicted ${fresh.passes} of at most 10`);
    expect(tiles["Convergence (re-predicted)"]).toMatchObject({
      value: fresh.converged ? "Expected to converge" : "Not expected to converge",
      detail: reasonText(fresh.reason, { predicted: true }),
    });
    // A prediction is not history: the VM has not been paused yet.
    expect(tiles["Convergence (re-predicted)"]?.detail).not.toMatch(/was paused|shrank|stopped at/);
    expect(predictionNote(detail)).toBe("Re-predicted after the link was throttled at 12.4 s");
    // The start's prediction no longer holds on a link a hundred times slower.
    const start = predict(input);
    expect(fresh.totalMs).toBeGreaterThan(start.totalMs * 10);
    expect(start.converged).toBe(true);
    expect(fresh.converged).toBe(false);
  });

  it("a move never throttled keeps the start's prediction, with no note", () => {
    const d = midTransfer();
    expect(predictionNote(d)).toBeNull();
    const labels = summaryTiles(d, figures(d), 10).map((t) => t.label);
    expect(labels).toContain("Convergence (predicted)");
  });
});

const tilesOf = (d: MigrationDetail) =>
  Object.fromEntries(summaryTiles(d, figures(d), 10).map((t) => [t.label, t]));

const progress = (atMs: number, stageName: "setup" | "memory-transfer", percent: number, bytesSent: number) =>
  ev("progress", atMs, {
    stage: stageName,
    percent,
    bytesSent,
    wireBytes: bytesSent / 2,
    bytesPerSecond: bytesSent > 0 ? 3 * GB : 0,
    etaMs: 12_300,
    cpuCores: 0,
    atMs,
  });

describe("the page while the move runs", () => {
  it("in setup: no pass yet, and the line says setup is the bar's first 5 %, not '0 bytes sent'", () => {
    seq = 0;
    const d = foldEvents(dto, [stage("setup", "started", 0), progress(1000, "setup", 4, 0)]);
    expect(tilesOf(d)["Pass count"]).toMatchObject({
      value: "None yet",
      detail: "Predicted 3 of at most 10",
    });
    const line = progressLine(d, figures(d));
    expect(line).toBe("Setup, the first 5 % of the bar: no memory sent yet · about 12.3 s left");
    expect(line).not.toContain("0 bytes");
  });

  it("during the first pass: 'Pass 1 in progress', never '0 of 10', with bytes, rate and the ETA", () => {
    seq = 0;
    const d = foldEvents(dto, [
      stage("setup", "started", 0),
      stage("setup", "completed", 3400),
      stage("memory-transfer", "started", 3400),
      progress(5000, "memory-transfer", 20, 4 * GB),
    ]);
    expect(tilesOf(d)["Pass count"]?.value).toBe("Pass 1 in progress");
    expect(progressLine(d, figures(d))).toBe(
      // The fixture's prediction goes on the wire at half the size (Compression).
      "3.73 GB sent (1.86 GB on the wire, compressed) · 2.79 GB/s · Pass 1 in progress · about 12.3 s left",
    );
    expect(tilesOf(midTransfer())["Pass count"]?.value).toBe("Pass 2 in progress");
  });

  it("with Compression, says what the wire carried beside the memory's rate", () => {
    // midTransfer's passes go on the wire at half their size.
    expect(progressLine(midTransfer(), figures(midTransfer()))).toBe(
      "32.6 GB sent (16.3 GB on the wire, compressed) · 2.79 GB/s · Pass 2 in progress · about 5.00 s left",
    );
  });

  it("after a pulled cable, the ETA is the time until the connection times out", () => {
    const d = foldEvents(dto, [
      ...[stage("setup", "started", 0), stage("setup", "completed", 3400)],
      stage("memory-transfer", "started", 3400),
      ev("fault", 4000, { fault: "link-down", effect: { kind: "rolls-back", afterMs: 18_900 } }),
      progress(5000, "memory-transfer", 20, 4 * GB),
    ]);
    expect(progressLine(d, figures(d))).toMatch(/ · the connection times out in 12\.3 s$/);
  });
});

describe("the page after a cancel mid-pass", () => {
  /** midTransfer() (pass 1 done, 3 GB of pass 2 sent), then cancelled at 15.4 s. */
  function cancelledInPass2(): MigrationDetail {
    const base = midTransfer();
    const summary = {
      outcome: "cancelled",
      owner: "source",
      startMs: 1000,
      endMs: 15_400,
      totalMs: 14_400,
      downtimeMs: 0,
      passes: 1,
      converged: false,
      stoppedAtCap: false,
      bytesSent: 35 * GB,
      wireBytes: 17.5 * GB,
      cpuCoreSeconds: 1,
      passList: [],
      reason: {
        kind: "failed",
        code: "cancelled",
        stage: "memory-transfer",
        atMs: 15_400,
        pass: 2,
        memoryBytes: 40 * GB,
      },
      failure: { code: "cancelled", stage: "memory-transfer" },
    } as const;
    return [
      ev("rollback", 15_400, { stage: "memory-transfer", code: "cancelled" }),
      ev("done", 15_400, {
        status: "cancelled",
        summary: { ...summary, passList: [] },
        failure: { code: "cancelled", message: "cancelled" },
      }),
    ].reduce(applyStreamEvent, base);
  }

  it("says how far it got, not that no pass has finished", () => {
    const d = cancelledInPass2();
    expect(howFar(d)).toBe("Cancelled during pass 2 after 32.6 GB sent");
    expect(progressHeadline(d, "Cancelled")).toBe(
      "Cancelled during pass 2 after 32.6 GB sent (MigrationState 4)",
    );
    expect(tilesOf(d)["Pass count"]).toMatchObject({
      value: "1 of 10",
      detail: "Cancelled during pass 2 after 32.6 GB sent",
    });
    expect(progressLine(d, figures(d))).toBeNull();
  });

  it("keeps the partial pass on the chart, drawn as interrupted in pass 2's slot", () => {
    const d = cancelledInPass2();
    expect(interruptedPass(d)).toEqual({ pass: 2, bytes: 3 * GB });
    const rows = passChartRows(d.passes, [], 10, inFlightBytes(d), interruptedPass(d));
    expect(rows.map((r) => r.interrupted)).toEqual([
      null,
      3 * GB,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(rows.every((r) => r.sending === null)).toBe(true);
    expect(rows[0]?.sent).toBe(32 * GB);
  });

  it("cancelled in the first pass: the table says so instead of 'No pre-copy pass has finished yet'", () => {
    seq = 0;
    const d = foldEvents(dto, [
      stage("setup", "started", 0),
      stage("setup", "completed", 3400),
      stage("memory-transfer", "started", 3400),
      progress(5000, "memory-transfer", 20, 4 * GB),
      ev("rollback", 5500, { stage: "memory-transfer", code: "cancelled" }),
      ev("done", 5500, { status: "cancelled", summary: null, failure: { code: "cancelled", message: "x" } }),
    ]);
    expect(passTableEmptyText(d)).toBe(
      "Cancelled during pass 1 after 3.73 GB sent: no pre-copy pass finished.",
    );
    expect(interruptedPass(d)).toEqual({ pass: 1, bytes: 4 * GB });
    expect(passTableEmptyText(midTransfer())).toBe("No pre-copy pass has finished yet.");
  });

  it("a failure in setup sent nothing, and says so", () => {
    seq = 0;
    const d = foldEvents(dto, [
      stage("setup", "started", 0),
      ev("rollback", 1700, { stage: "setup", code: "destination-out-of-memory" }),
      ev("done", 1700, {
        status: "failed",
        summary: null,
        failure: { code: "destination-out-of-memory", message: "x" },
      }),
    ]);
    expect(howFar(d)).toBe("Failed during setup before any memory was sent");
    expect(interruptedPass(d)).toBeNull();
  });
});

describe("the page of a move that copies disks", () => {
  it("during the copy: the line says how much disk is copied of the whole, the rate and the writes mirrored", () => {
    const d = midCopy();
    expect(progressLine(d, figures(d))).toBe(
      `${formatBytes(20 * GB)} of ${formatBytes(40 * GB)} of disk copied · 477 MB/s · ${formatBytes(GB)} of writes mirrored · about 60.0 s left`,
    );
    // No pass has started while the disks go first: not "0 of 10".
    expect(tilesOf(d)["Pass count"]).toMatchObject({ value: "None yet" });
    // The disks stream over the network while no memory has gone yet: the tile names its figure
    // the memory sent, not "Data sent: 0 bytes" beside a link the move fills.
    expect(tilesOf(d)["Data sent"]).toBeUndefined();
    expect(tilesOf(d)["Memory sent"]).toMatchObject({
      value: formatBytes(0),
      more: `Disks: ${formatBytes(20 * GB)} of ${formatBytes(40 * GB)} copied + ${formatBytes(GB)} of writes mirrored`,
    });
    expect(tilesOf(midTransfer())["Data sent"]?.more).toBeUndefined();
  });

  it("in setup: nothing copied yet, in the move's own words", () => {
    seq = 0;
    const setup = [stage("setup", "started", 0), progress(1000, "setup", 4, 0)];
    const sharedNothing = foldEvents({ ...dto, kind: "shared-nothing" }, setup);
    expect(progressLine(sharedNothing, figures(sharedNothing))).toMatch(
      /^Setup, the first 5 % of the bar: no disk copied and no memory sent yet · about/,
    );
    seq = 0;
    const storage = foldEvents({ ...dto, kind: "storage" }, setup);
    expect(progressLine(storage, figures(storage))).toMatch(/: no disk copied yet · about/);
  });

  it("a pulled cable during the copy: the line counts down to the timeout", () => {
    const copying = midCopy();
    const d = applyStreamEvent(
      copying,
      ev("fault", 44_000, { fault: "link-down", effect: { kind: "rolls-back", afterMs: 18_900 } }),
    );
    expect(progressLine(d, figures(d))).toMatch(/ · the connection times out in 60\.0 s$/);
  });

  it("cancelled in the copy: how far the copy got, with MigrationState 4", () => {
    const copying = midCopy();
    const d = [
      ev("rollback", 44_000, { stage: "storage-copy", code: "cancelled" }),
      ev("done", 44_000, {
        status: "cancelled",
        summary: null,
        failure: { code: "cancelled", message: "x" },
      }),
    ].reduce(applyStreamEvent, copying);
    const copied = `${formatBytes(20 * GB)} of ${formatBytes(40 * GB)} of disk copied`;
    expect(howFar(d)).toBe(`Cancelled during the storage copy after ${copied}`);
    expect(progressHeadline(d, "Cancelled")).toBe(
      `Cancelled during the storage copy after ${copied} (MigrationState 4)`,
    );
    expect(interruptedPass(d)).toBeNull();
    expect(passTableEmptyText(d)).toBe(
      `Cancelled during the storage copy after ${copied}: no pre-copy pass finished.`,
    );
  });

  it("a storage move's tiles: no blackout, the disk copy instead of passes, and no pass table", () => {
    const d = storageMove();
    const tiles = summaryTiles(d, figures(d), 10);
    expect(tiles.map((t) => [t.label, t.value])).toEqual([
      ["Total time", "23.4 s"],
      ["Blackout", "None"],
      ["Data sent", formatBytes(10 * GB + 20 * MB)],
      ["Disk copy", "45%"],
      ["Outcome (predicted)", "No pause expected"],
    ]);
    expect(tiles[2]?.detail).toBe(
      `Disks: ${formatBytes(10 * GB)} of ${formatBytes(22 * GB)} copied + ${formatBytes(20 * MB)} of writes mirrored`,
    );
    expect(passTableEmptyText(d)).toMatch(/^A storage migration moves no memory/);
    expect(progressLine(d, figures(d))).toMatch(
      /^9\.31 GB of 20\.5 GB of disk copied · 477 MB\/s · 19\.1 MB of writes mirrored · about/,
    );
    const failed = { ...d, status: "failed" as const };
    expect(howFar(failed)).toBe(
      `Failed during the storage copy after ${formatBytes(10 * GB)} of ${formatBytes(22 * GB)} of disk copied`,
    );
    expect(tilesOf(failed)["Disk copy"]?.detail).toBe(howFar(failed));
  });
});
