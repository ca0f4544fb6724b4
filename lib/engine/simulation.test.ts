import { describe, expect, it } from "vitest";
import { EngineInputError, predict, Simulation, simulate, simulateMany, TCP_TIMEOUT_MS } from "./index";
import { GBE_10, GiB, MiB, rawLinear } from "./testkit";
import type { MigrationInput, MigrationSummary, Prediction, SimEvent } from "./types";

const of = <T extends SimEvent["type"]>(events: SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

const busy: MigrationInput = {
  ...rawLinear(8 * GiB, GBE_10, 0.3e9),
  transport: "tcpip",
  policy: { setupMs: 2000, switchoverMs: 300, cleanupMs: 500, deviceStateBytes: 4 * MiB },
  noise: 0.03,
  seed: 42,
};

describe("stages and events", () => {
  it("runs the four stages in order, blackout inside the state transfer", () => {
    const { events, summary } = simulate(busy);
    const stages = events
      .filter((e) => e.type === "stage-started" || e.type === "stage-completed")
      .map((e) => `${e.type === "stage-started" ? "+" : "-"}${"stage" in e ? e.stage : ""}`);
    expect(stages).toEqual([
      "+setup",
      "-setup",
      "+memory-transfer",
      "-memory-transfer",
      "+state-transfer",
      "-state-transfer",
      "+cleanup",
      "-cleanup",
    ]);
    const [bStart] = of(events, "blackout-started");
    const [bEnd] = of(events, "blackout-ended");
    expect(bEnd?.downtimeMs).toBe(summary.downtimeMs);
    expect((bEnd?.atMs ?? 0) - (bStart?.atMs ?? 0)).toBe(summary.downtimeMs);
    expect(summary.downtimeMs).toBeGreaterThanOrEqual(300);
    expect(events.at(-1)?.type).toBe("done");
    expect(summary.outcome).toBe("succeeded");
    expect(summary.owner).toBe("destination");
    // Events are in time order.
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.atMs).toBeGreaterThanOrEqual(events[i - 1]?.atMs ?? 0);
    }
  });

  it("emits one pass event per pass, each with what the SSE stream needs", () => {
    const { events, summary } = simulate(busy);
    const passes = of(events, "pass");
    expect(passes.map((p) => p.pass)).toEqual(summary.passList.map((_, i) => i + 1));
    for (const p of passes) {
      expect(p.wireBytes).toBeGreaterThan(p.bytes); // TCP/IP headers
      expect(p.pages).toBe(Math.round(p.bytes / 4096));
      expect(p.remainingDirtyBytes).toBe(p.dirtiedBytes);
      expect(p.throughputBytesPerSecond).toBeCloseTo(p.bytes / (p.durationMs / 1000), 3);
      expect(p.dirtyBytesPerSecond).toBeCloseTo(p.dirtiedBytes / (p.durationMs / 1000), 3);
    }
    expect(passes[1]?.bytes).toBe(passes[0]?.dirtiedBytes);
  });

  it("emits progress at the fixed interval with percent, rate and a shrinking ETA", () => {
    const { events } = simulate(busy, { progressIntervalMs: 500 });
    const progress = of(events, "progress");
    const ticks = progress.slice(0, -1);
    ticks.forEach((p, i) => {
      expect(p.atMs).toBe((i + 1) * 500);
    });
    expect(progress.at(-1)?.percent).toBe(100);
    const inMemory = ticks.filter((p) => p.stage === "memory-transfer");
    expect(inMemory.length).toBeGreaterThan(5);
    expect(inMemory.every((p) => p.bytesPerSecond > 1e9 && p.bytesPerSecond < GBE_10)).toBe(true);
    expect(inMemory.every((p) => p.cpuCores > 0)).toBe(true);
    const etas = ticks.map((p) => p.etaMs);
    expect(etas[0] ?? 0).toBeGreaterThan(etas.at(-1) ?? 0);
  });

  it("says why a move did not converge: the dirty rate against the link, or a rewritten hot set", () => {
    const { summary } = simulate({
      ...rawLinear(4 * GiB, 1.1e9, 1.9e9),
      transport: "raw",
    });
    expect(summary.reason).toMatchObject({ kind: "pass-cap", cause: "dirty-rate-above-link" });
    const hot = simulate({
      ...rawLinear(4 * GiB, 125e6, 0),
      dirty: { model: "hotset", hotSetBytes: GiB, writesPerSecond: 200_000, coldBytesPerSecond: 0 },
    }).summary;
    expect(hot.stoppedAtCap).toBe(true);
    expect(hot.reason).toMatchObject({ kind: "pass-cap", cause: "hot-set", hotSetBytes: GiB });
  });
});

describe("dirty models", () => {
  it("hotset saturates at the working set and is capped at memory", () => {
    const input: MigrationInput = {
      ...rawLinear(GiB, 100e6, 0),
      dirty: { model: "hotset", hotSetBytes: 256 * MiB, writesPerSecond: 50_000, coldBytesPerSecond: 1e6 },
    };
    const { summary } = simulate(input);
    const first = summary.passList[0];
    // About 10.7 s for the first pass: the hot set is saturated, plus the cold writes.
    expect(first?.dirtiedBytes).toBeCloseTo(
      256 * MiB * (1 - Math.exp((-50_000 * 10.737) / 65_536)) + 10.737e6,
      -6,
    );
    const linearCapped = simulate(rawLinear(GiB, 100e6, 10e9)).summary;
    expect(linearCapped.passList.every((p) => p.dirtiedBytes === GiB)).toBe(true);
  });

  it("a linear working set bounds the dirty set", () => {
    const input = rawLinear(GiB, 100e6, 1e9);
    const { summary } = simulate({
      ...input,
      dirty: { model: "linear", bytesPerSecond: 1e9, workingSetBytes: 64 * MiB },
    });
    expect(summary.passList[0]?.dirtiedBytes).toBe(64 * MiB);
  });
});

describe("shared links", () => {
  it("two moves through one link each get half until one ends", () => {
    const R = GBE_10;
    const a = { ...rawLinear(4 * GiB, R, 0), link: { bytesPerSecond: R, id: "lm" } };
    const b = { ...rawLinear(1 * GiB, R, 0), link: { bytesPerSecond: R, id: "lm" } };
    const { summaries } = simulateMany([a, b]);
    expect(summaries[1]?.totalMs).toBeCloseTo(((2 * GiB) / R) * 1000, 6);
    expect(summaries[0]?.totalMs).toBeCloseTo(((5 * GiB) / R) * 1000, 6);
  });

  it("links without an id are private", () => {
    const R = GBE_10;
    const { summaries } = simulateMany([rawLinear(4 * GiB, R, 0), rawLinear(4 * GiB, R, 0)]);
    for (const s of summaries) expect(s.totalMs).toBeCloseTo(((4 * GiB) / R) * 1000, 6);
  });

  it("a TCP/IP stream rides one NIC, SMB Multichannel uses all", () => {
    const link = { bytesPerSecond: 2 * GBE_10, nics: 2 };
    const tcp = simulate({ ...rawLinear(4 * GiB, 1, 0), link, transport: "tcpip" }).summary;
    const smb = simulate({ ...rawLinear(4 * GiB, 1, 0), link, transport: "smb" }).summary;
    expect(tcp.passList[0]?.throughputBytesPerSecond).toBeCloseTo(GBE_10 * 0.94, 0);
    expect(smb.passList[0]?.throughputBytesPerSecond).toBeCloseTo(2 * GBE_10 * 0.97, 0);
    expect(smb.cpuCoreSeconds).toBeLessThan(tcp.cpuCoreSeconds / 10);
  });
});

describe("stepping, cancels and faults", () => {
  it("advancing in small steps gives the same events as one run", () => {
    const whole = simulate(busy).events;
    const sim = new Simulation();
    sim.addMigration("m1", busy, 0);
    const stepped: SimEvent[] = [];
    for (let t = 0; !sim.idle; t += 137) stepped.push(...sim.advanceTo(t));
    expect(stepped).toEqual(whole);
  });

  it("nextEventTime says when to wake up; nothing happens in between", () => {
    const sim = new Simulation({ progressIntervalMs: 1000 });
    sim.addMigration("a", busy, 250);
    expect(sim.nextEventTime()).toBe(250);
    expect(sim.advanceTo(249)).toEqual([]);
    expect(sim.advanceTo(250).map((e) => e.type)).toEqual(["stage-started"]);
    expect(sim.nextEventTime()).toBe(1250);
    expect(sim.snapshot("a")?.stage).toBe("setup");
    expect(() => sim.advanceTo(100)).toThrow(EngineInputError);
  });

  it("a migration added between steps joins the shared link and slows the first", () => {
    const R = GBE_10;
    const input = { ...rawLinear(4 * GiB, R, 0), link: { bytesPerSecond: R, id: "lm" } };
    const sim = new Simulation({ progress: false });
    sim.addMigration("a", input, 0);
    sim.advanceTo(1000);
    expect(sim.linkShares("lm").shares).toEqual([{ migrationId: "a", wireBytesPerSecond: R }]);
    sim.addMigration("b", input);
    sim.advanceTo(1001);
    const { shares, capacity } = sim.linkShares("lm");
    expect(shares.map((s) => s.wireBytesPerSecond)).toEqual([R / 2, R / 2]);
    expect(capacity).toBe(R);
    sim.runToEnd();
    expect(sim.summary("a")?.totalMs).toBeCloseTo(1000 + ((4 * GiB - R) / R) * 2000, 6);
  });

  it("cancel before switchover rolls back; the VM stays on the source", () => {
    const sim = new Simulation();
    sim.addMigration("m", busy, 0);
    sim.cancel("m", 5000);
    const events = sim.runToEnd();
    const done = of(events, "done")[0];
    expect(done?.summary.outcome).toBe("cancelled");
    expect(done?.summary.owner).toBe("source");
    expect(of(events, "rollback")[0]?.stage).toBe("memory-transfer");
    expect(done?.summary.reason).toMatchObject({
      kind: "failed",
      code: "cancelled",
      stage: "memory-transfer",
      pass: 1,
    });
    expect(of(events, "blackout-started")).toEqual([]);
  });

  it("cancel after switchover does not undo the move", () => {
    const end = simulate(busy).summary.endMs;
    const sim = new Simulation();
    sim.addMigration("m", busy, 0);
    sim.cancel("m", end - 100); // inside cleanup
    sim.runToEnd();
    expect(sim.summary("m")?.outcome).toBe("succeeded");
  });

  it("cancel of a migration that has not started yet", () => {
    const sim = new Simulation();
    sim.addMigration("m", busy, 10_000);
    sim.cancel("m", 5000);
    const events = sim.runToEnd();
    expect(events.map((e) => e.type)).toEqual(["done"]);
    expect(sim.summary("m")?.outcome).toBe("cancelled");
  });

  it("destination short of memory fails in setup, under 10 %", () => {
    const sim = new Simulation({ progressIntervalMs: 200 });
    sim.addMigration("m", busy, 0);
    sim.injectFault({ kind: "destination-out-of-memory", migrationId: "m" }, 0);
    const events = sim.runToEnd();
    const summary = sim.summary("m");
    expect(summary?.outcome).toBe("failed");
    expect(summary?.owner).toBe("source");
    expect(summary?.failure).toEqual({
      code: "destination-out-of-memory",
      stage: "setup",
      hresult: "0x8007000E",
    });
    expect(summary?.bytesSent).toBe(0);
    const progress = of(events, "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.max(...progress.map((p) => p.percent))).toBeLessThan(10);
    expect(sim.snapshot("m")?.percent).toBeLessThan(10);
  });

  it("link down during pre-copy rolls back every move on that link", () => {
    const shared = { ...busy, link: { bytesPerSecond: GBE_10, id: "lm" } };
    const other = { ...busy, link: { bytesPerSecond: GBE_10, id: "other" } };
    const sim = new Simulation();
    sim.addMigration("a", shared, 0);
    sim.addMigration("b", shared, 0);
    sim.addMigration("c", other, 0);
    sim.injectFault({ kind: "link-down", linkId: "lm" }, 4000);
    const atPull = sim.advanceTo(4000);
    const sentAtPull = (id: string) => sim.snapshot(id)?.bytesSent ?? 0;
    const pulled = { a: sentAtPull("a"), b: sentAtPull("b") };
    // Nothing gets through while TCP retransmits: no bytes, no stage, no failure yet.
    const stalled = sim.advanceTo(4000 + TCP_TIMEOUT_MS - 1);
    expect(stalled.filter((e) => e.migrationId !== "c" && e.type !== "progress")).toEqual([]);
    expect(sentAtPull("a")).toBe(pulled.a);
    expect(sentAtPull("b")).toBe(pulled.b);
    const events = sim.runToEnd();
    for (const id of ["a", "b"]) {
      const s = sim.summary(id);
      expect(s?.outcome).toBe("failed");
      expect(s?.failure?.code).toBe("link-down");
      expect(s?.endMs).toBe(4000 + TCP_TIMEOUT_MS);
      expect(s?.reason).toMatchObject({ kind: "failed", code: "link-down", atMs: 4000 + TCP_TIMEOUT_MS });
    }
    expect(sim.summary("c")?.outcome).toBe("succeeded");
    expect(of(atPull, "fault").map((e) => [e.migrationId, e.effect])).toEqual([
      ["a", { kind: "rolls-back", afterMs: TCP_TIMEOUT_MS }],
      ["b", { kind: "rolls-back", afterMs: TCP_TIMEOUT_MS }],
    ]);
    expect(of(events, "rollback").map((e) => e.migrationId)).toEqual(["a", "b"]);
    // A later move on the dead link cannot connect either: it fails when TCP gives up.
    const d = sim.nowMs;
    sim.addMigration("d", shared);
    sim.runToEnd();
    expect(sim.summary("d")?.failure?.code).toBe("link-down");
    expect(sim.summary("d")?.endMs).toBe(d + TCP_TIMEOUT_MS);
  });

  it("link down during the blackout resumes the VM on the source", () => {
    const ref = simulate(busy).events;
    const blackout = of(ref, "blackout-started")[0]?.atMs ?? 0;
    const sim = new Simulation();
    sim.addMigration("m1", busy, 0); // the id seeds the noise: same as simulate()'s
    sim.injectFault({ kind: "link-down", migrationId: "m1" }, blackout + 1);
    const events = sim.runToEnd();
    expect(sim.summary("m1")?.owner).toBe("source");
    // The VM stays paused while TCP retransmits, then resumes on the source.
    expect(of(events, "blackout-ended")[0]?.downtimeMs).toBe(1 + TCP_TIMEOUT_MS);
    expect(of(events, "rollback")[0]?.stage).toBe("state-transfer");
  });

  it("a slow link stretches the pass that is running", () => {
    const input = rawLinear(4 * GiB, GBE_10, 0);
    const sim = new Simulation();
    sim.addMigration("m", input, 0);
    sim.injectFault({ kind: "slow-link", migrationId: "m", bytesPerSecond: GBE_10 / 4 }, 1000);
    sim.runToEnd();
    const pass = sim.summary("m")?.passList[0];
    expect(pass?.durationMs).toBeCloseTo(1000 + ((4 * GiB - GBE_10) / (GBE_10 / 4)) * 1000, 6);
  });

  it("rejects bad input naming the field, duplicate ids and times in the past", () => {
    const sim = new Simulation();
    expect(() => sim.addMigration("x", { ...busy, memoryBytes: -1 })).toThrow(/memoryBytes/);
    expect(() => sim.addMigration("x", { ...busy, link: { bytesPerSecond: 0 } })).toThrow(
      /link\.bytesPerSecond/,
    );
    expect(() => sim.addMigration("x", { ...busy, policy: { maxPasses: 0 } })).toThrow(/policy\.maxPasses/);
    sim.addMigration("x", busy);
    expect(() => sim.addMigration("x", busy)).toThrow(/already exists/);
    expect(() => sim.cancel("nope")).toThrow(/no migration/);
    sim.advanceTo(100);
    expect(() => sim.cancel("x", 50)).toThrow(/atMs/);
    expect(() => sim.injectFault({ kind: "link-down", linkId: "nope" })).toThrow(/fault\.linkId/);
  });
});

describe("determinism", () => {
  it("the same seed gives identical events; another seed different ones", () => {
    const run = (seed: number) => {
      const sim = new Simulation({ seed });
      sim.addMigration("a", { ...busy, link: { bytesPerSecond: GBE_10, id: "lm" } }, 0);
      sim.addMigration("b", { ...busy, link: { bytesPerSecond: GBE_10, id: "lm" } }, 3000);
      sim.injectFault({ kind: "slow-link", linkId: "lm", bytesPerSecond: GBE_10 / 2 }, 7000);
      sim.cancel("b", 20_000);
      return JSON.stringify(sim.runToEnd());
    };
    expect(run(1)).toBe(run(1));
    expect(run(1)).not.toBe(run(2));
  });

  it("with a noiseKey the same seed gives the same passes whatever the migration's id", () => {
    const passes = (id: string, seed: number, noiseKey?: string) => {
      const sim = new Simulation();
      sim.addMigration(id, { ...busy, noise: 0.05, seed, ...(noiseKey ? { noiseKey } : {}) }, 0);
      return JSON.stringify(
        sim
          .runToEnd()
          .filter((e) => e.type === "pass")
          .map(({ migrationId, ...e }) => e),
      );
    };
    expect(passes("17", 5, "run")).toBe(passes("42", 5, "run"));
    expect(passes("17", 5, "run")).not.toBe(passes("17", 6, "run"));
    expect(passes("17", 5)).not.toBe(passes("42", 5));
  });
});

describe("stepping far ahead", () => {
  it("gives the same events when progress ticks are passed over, and a migration may have its own tick", () => {
    const input = { ...rawLinear(4 * GiB, 128 * MiB, 32 * MiB), progressIntervalMs: 5000 };
    const fine = new Simulation({ progressIntervalMs: 1000 });
    fine.addMigration("m", input, 0);
    const fineEvents = fine.runToEnd();
    const coarse = new Simulation({ progressIntervalMs: 1000 });
    coarse.addMigration("m", input, 0);
    const coarseEvents: SimEvent[] = [];
    for (
      let t = coarse.nextEventTime({ progress: false });
      t !== undefined;
      t = coarse.nextEventTime({ progress: false })
    ) {
      coarseEvents.push(...coarse.advanceTo(t));
    }
    expect(coarseEvents).toEqual(fineEvents);
    const ticks = of(fineEvents, "progress").map((e) => e.atMs);
    expect(ticks.slice(0, 3)).toEqual([5000, 10000, 15000]);
  });
});

describe("forecast after a throttle", () => {
  const summaryAsPrediction = (s: MigrationSummary): Prediction => ({
    totalMs: s.totalMs,
    downtimeMs: s.downtimeMs,
    passes: s.passes,
    converged: s.converged,
    stoppedAtCap: s.stoppedAtCap,
    bytesSent: s.bytesSent,
    wireBytes: s.wireBytes,
    reason: s.reason,
    passList: s.passList,
  });
  const throttled = (input: MigrationInput, atMs: number, bytesPerSecond: number) => {
    const sim = new Simulation();
    sim.addMigration("m", input, 0);
    sim.advanceTo(atMs);
    sim.injectFault({ kind: "slow-link", migrationId: "m", bytesPerSecond }, atMs);
    const fault = of(sim.advanceTo(atMs), "fault")[0];
    if (fault?.effect.kind !== "link-slowed") throw new Error("no link-slowed effect");
    return { sim, prediction: fault.effect.prediction };
  };

  it("equals a fresh noiseless run of the same move throttled at that instant", () => {
    const input: MigrationInput = { ...busy, noise: 0 };
    for (const atMs of [1000, 6000, 9000]) {
      const { sim, prediction } = throttled(input, atMs, GBE_10 / 8);
      // The move itself, noiseless, runs on from that state: the forecast is exactly its outcome.
      sim.runToEnd();
      const actual = sim.summary("m");
      if (!actual) throw new Error("did not finish");
      expect(prediction).toEqual(summaryAsPrediction(actual));
      expect(sim.forecast("m")).toBeUndefined();
    }
  });

  it("keeps what the move did before the throttle and re-predicts only the rest", () => {
    const { prediction } = throttled(busy, 9000, GBE_10 / 100);
    const before = predict(busy);
    // A link a hundred times slower: much longer, and the passes so far are the move's own (noisy).
    expect(prediction.totalMs).toBeGreaterThan(before.totalMs * 5);
    expect(prediction.passList[0]?.bytes).toBe(busy.memoryBytes);
    const sim = new Simulation();
    sim.addMigration("m", busy, 0);
    const done = of(sim.advanceTo(9000), "pass");
    expect(prediction.passList.slice(0, done.length).map((p) => p.dirtiedBytes)).toEqual(
      done.map((p) => p.dirtiedBytes),
    );
  });
});

describe("forecast on the one timeline", () => {
  const linkSlowed = (events: SimEvent[], id: string) => {
    const fault = of(events, "fault").find((e) => e.migrationId === id);
    if (fault?.effect.kind !== "link-slowed") throw new Error(`no link-slowed effect for ${id}`);
    return fault.effect.prediction;
  };

  it("a move sharing its link is forecast with its share, and gets the whole link once the other ends", () => {
    const shared = { ...busy, noise: 0, link: { ...busy.link, id: "lm" } };
    const small: MigrationInput = { ...shared, memoryBytes: 2 * GiB };
    const sim = new Simulation();
    sim.addMigration("a", shared, 0);
    sim.addMigration("b", small, 0);
    sim.advanceTo(3000);
    sim.injectFault({ kind: "slow-link", linkId: "lm", bytesPerSecond: GBE_10 / 4 }, 3000);
    const events = sim.advanceTo(3000);
    const a = linkSlowed(events, "a");
    const b = linkSlowed(events, "b");
    // Both noiseless: the forecast made at the throttle is what each then does, sharing included.
    sim.runToEnd();
    expect(a.totalMs).toBeCloseTo(sim.summary("a")?.totalMs ?? Number.NaN, 6);
    expect(b.totalMs).toBeCloseTo(sim.summary("b")?.totalMs ?? Number.NaN, 6);
    expect(a.passes).toBe(sim.summary("a")?.passes);
    // Alone on the throttled link, the same move would be faster: the forecast counted the other move.
    const alone = new Simulation();
    alone.addMigration("a", shared, 0);
    alone.advanceTo(3000);
    alone.injectFault({ kind: "slow-link", linkId: "lm", bytesPerSecond: GBE_10 / 4 }, 3000);
    const aloneForecast = linkSlowed(alone.advanceTo(3000), "a");
    expect(a.totalMs).toBeGreaterThan(aloneForecast.totalMs);
  });

  it("a throttle during the disk copy forecasts the rest of the copy, then the memory", () => {
    const input: MigrationInput = {
      ...busy,
      noise: 0,
      storage: {
        bytes: 20 * GiB,
        writeBytesPerSecond: 4 * MiB,
        disks: [
          { id: "disk:src", bytesPerSecond: 4 * GBE_10 },
          { id: "disk:dst", bytesPerSecond: 4 * GBE_10 },
        ],
      },
    };
    const sim = new Simulation();
    sim.addMigration("m", input, 0);
    const copyStarted = of(sim.advanceTo(5000), "stage-started").some((e) => e.stage === "storage-copy");
    expect(copyStarted).toBe(true);
    sim.injectFault({ kind: "slow-link", migrationId: "m", bytesPerSecond: GBE_10 / 5 }, 5000);
    const prediction = linkSlowed(sim.advanceTo(5000), "m");
    sim.runToEnd();
    const actual = sim.summary("m");
    expect(prediction.storage).toMatchObject({ bytes: 20 * GiB, completed: true });
    expect(prediction.storage?.durationMs).toBeCloseTo(actual?.storage?.durationMs ?? Number.NaN, 6);
    expect(prediction.totalMs).toBeCloseTo(actual?.totalMs ?? Number.NaN, 6);
    expect(prediction.totalMs).toBeGreaterThan(predict(input).totalMs * 2);
  });

  it("forecasting changes nothing of the run", () => {
    const shared = { ...busy, link: { ...busy.link, id: "lm" } };
    const run = (forecast: boolean) => {
      const sim = new Simulation();
      sim.addMigration("a", shared, 0);
      sim.addMigration("b", { ...shared, memoryBytes: 3 * GiB, noiseKey: "b" }, 1000);
      const events = sim.advanceTo(4000);
      if (forecast) {
        sim.forecast("a");
        sim.forecast("b");
      }
      return [...events, ...sim.runToEnd()];
    };
    expect(run(true)).toEqual(run(false));
  });
});
