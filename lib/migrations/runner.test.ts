import { describe, expect, it } from "vitest";
import { simulate } from "@/lib/engine/run";
import { GBE_10, GiB, MiB } from "@/lib/engine/testkit";
import { TCP_TIMEOUT_MS } from "@/lib/engine/transport";
import type { MigrationInput } from "@/lib/engine/types";
import { FakeClock } from "./clock";
import { MigrationRunner, type RunnerEvent } from "./runner";

const input: MigrationInput = {
  memoryBytes: 8 * GiB,
  pageBytes: 4096,
  dirty: { model: "hotset", hotSetBytes: 512 * MiB, writesPerSecond: 12_000, coldBytesPerSecond: MiB },
  link: { bytesPerSecond: GBE_10, id: "host:1" },
  transport: "tcpip",
  noise: 0.03,
  seed: 7,
  noiseKey: "migration",
};

function harness() {
  const clock = new FakeClock();
  const received: RunnerEvent[] = [];
  const runner = new MigrationRunner(clock, async (events) => {
    received.push(...events);
  });
  /** Moves the wall clock in steps, letting the runner handle each wake-up. */
  const run = async (wallMs: number, step = 50) => {
    for (let t = 0; t < wallMs; t += step) {
      clock.advance(step);
      await runner.settled();
    }
  };
  return { clock, runner, received, run };
}

/** The engine's own account of a move: no progress ticks, no share or pace reports (they name ids). */
const withoutProgress = (events: readonly RunnerEvent[]) =>
  events
    .filter((e) => e.type !== "progress" && e.type !== "share" && e.type !== "timeline")
    .map(({ migrationId, ...e }) => e);
const ofType = <T extends RunnerEvent["type"]>(events: readonly RunnerEvent[], type: T, id: string) =>
  events.filter((e): e is Extract<RunnerEvent, { type: T }> => e.type === type && e.migrationId === id);

describe("MigrationRunner", () => {
  it("paces the engine to the wall clock by the speed factor", async () => {
    const { runner, received, run } = harness();
    await runner.start(1, input, 10);
    const total = simulate(input).summary.totalMs;
    await run(total / 10 - 500);
    expect(received.some((e) => e.type === "done")).toBe(false);
    await run(1000);
    expect(received.at(-1)?.type).toBe("done");
    expect(runner.isRunning(1)).toBe(false);
  });

  it("gives the same passes and summary as the engine alone, times relative to the move's start", async () => {
    const { runner, received, run } = harness();
    // Another move first, so move 2 starts late in the timeline's simulated time.
    await runner.start(9, { ...input, link: { bytesPerSecond: GBE_10, id: "host:9" } }, 20);
    await run(700);
    await runner.start(2, input, 20);
    await run(5000);
    const mine = received.filter((e) => e.migrationId === "2");
    expect(mine[0]).toMatchObject({ type: "timeline", atMs: 0, speed: 20, askedSpeed: 20 });
    expect(mine[1]).toMatchObject({ type: "stage-started", atMs: 0 });
    expect(withoutProgress(mine)).toEqual(withoutProgress(simulate(input).events));
  });

  it("the same seed gives the same events however the wall clock is stepped", async () => {
    const a = harness();
    await a.runner.start(1, input, 50);
    await a.run(3000, 7);
    const b = harness();
    await b.runner.start(5, input, 50);
    await b.run(3000, 400);
    expect(withoutProgress(a.received)).toEqual(withoutProgress(b.received));
  });

  it("cancels before switchover with a rollback, and resolves once the events are handled", async () => {
    const { runner, received, run } = harness();
    await runner.start(3, input, 10);
    await run(600); // 6 simulated seconds: in the first pass
    await runner.cancel(3);
    const types = received.map((e) => e.type).filter((t) => t !== "share");
    expect(types.slice(-2)).toEqual(["rollback", "done"]);
    const done = received.at(-1);
    expect(done?.type === "done" && done.summary.outcome).toBe("cancelled");
    expect(runner.isRunning(3)).toBe(false);
  });

  it("injects a link-down fault now: the move stalls, then fails and rolls back when TCP gives up", async () => {
    const { runner, received, run } = harness();
    await runner.start(4, input, 10);
    await run(600);
    await runner.fault(4, { kind: "link-down", migrationId: "4" });
    // The fault, then the move's share of the pulled cable: nothing.
    expect(received.slice(-2)).toMatchObject([
      { type: "fault", effect: { kind: "rolls-back", afterMs: TCP_TIMEOUT_MS } },
      { type: "share", wireBytesPerSecond: 0, cause: "capacity" },
    ]);
    expect(runner.isRunning(4)).toBe(true);
    await run(TCP_TIMEOUT_MS / 10 - 100); // just before the timeout, at 10x
    expect(received.some((e) => e.type === "done")).toBe(false);
    await run(200);
    const done = received.at(-1);
    expect(done?.type === "done" && done.summary.failure?.code).toBe("link-down");
    expect(runner.isRunning(4)).toBe(false);
  });

  it("ignores commands for a move it is not running, and leaves no timer behind", async () => {
    const { clock, runner, run } = harness();
    await runner.cancel(99);
    await runner.start(6, input, 100);
    await run(3000);
    expect(runner.isRunning(6)).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it("keeps going after a failing sink step, and hands the unstored events over again first", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const batches: RunnerEvent[][] = [];
    const runner = new MigrationRunner(clock, async (events) => {
      calls += 1;
      batches.push(events);
      if (calls === 1) throw new Error("database is locked");
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await runner.start(1, input, 10).catch(() => undefined);
      for (let i = 0; i < 20; i++) {
        clock.advance(100);
        await runner.settled();
      }
    } finally {
      console.error = original;
    }
    expect(calls).toBeGreaterThan(1);
    expect(batches[1]?.slice(0, batches[0]?.length)).toEqual(batches[0]);
    expect(errors.length).toBe(1);
  });

  it("a move whose first store step fails is still running, and its events arrive on the retry", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const received: RunnerEvent[] = [];
    const runner = new MigrationRunner(clock, async (events) => {
      calls += 1;
      if (calls === 1) throw new Error("database is locked");
      received.push(...events);
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      await expect(runner.start(8, input, 10)).rejects.toThrow("database is locked");
      expect(runner.isRunning(8)).toBe(true);
      for (let i = 0; i < 40; i++) {
        clock.advance(100);
        await runner.settled();
      }
    } finally {
      console.error = original;
    }
    expect(received.find((e) => e.type !== "timeline")).toMatchObject({
      type: "stage-started",
      stage: "setup",
      atMs: 0,
    });
  });

  it("a pulled cable fails the moves on that link, but a move started afterwards gets a working link", async () => {
    const { runner, received, run } = harness();
    const slow = { ...input, memoryBytes: 64 * GiB }; // keeps the lane busy throughout
    await runner.start(1, slow, 10);
    await runner.start(2, input, 10);
    await run(600);
    await runner.fault(2, { kind: "link-down", migrationId: "2" });
    await run(TCP_TIMEOUT_MS / 10 + 100);
    const doneOf = (id: string) => received.find((e) => e.type === "done" && e.migrationId === id);
    const failed = (id: string) => {
      const d = doneOf(id);
      return d?.type === "done" ? d.summary.failure?.code : undefined;
    };
    expect(failed("2")).toBe("link-down");
    expect(failed("1")).toBe("link-down"); // it shared HV1's NIC
    await runner.start(3, input, 10);
    await run(5000);
    const third = doneOf("3");
    expect(third?.type === "done" && third.summary.outcome).toBe("succeeded");
  });

  it("moves at different speeds run on one timeline at the highest speed asked, and share the link", async () => {
    const { runner, received, run } = harness();
    const long = { ...input, memoryBytes: 64 * GiB }; // still sending when the fast one ends
    await runner.start(1, long, 1);
    await run(4000); // 4 simulated seconds: move 1 has started sending (3.4 s of setup)
    await runner.start(2, input, 20);
    await run(3000);
    // Move 1 was asked 1x: it now runs at 20x, because move 2 asked it, and each page hears so.
    const done2 = received.find((e) => e.type === "done" && e.migrationId === "2");
    expect(done2).toBeDefined();
    // Move 1 was asked 1x: it ran at 20x while move 2 (asked 20x) ran, back at 1x from the instant
    // move 2 ended (move 2 started 4 s into move 1), and each page heard so.
    expect(ofType(received, "timeline", "1").map((e) => [e.atMs, e.speed, e.askedSpeed, e.setBy])).toEqual([
      [0, 1, 1, undefined],
      [4000, 20, 1, "2"],
      [4000 + (done2?.atMs ?? Number.NaN), 1, 1, undefined],
    ]);
    expect(ofType(received, "timeline", "2").map((e) => [e.atMs, e.speed, e.askedSpeed])).toEqual([
      [0, 20, 20],
    ]);
    // They share HV1's NIC: move 1 is told when move 2 joins and when it leaves.
    const shares1 = ofType(received, "share", "1");
    expect(shares1.map((e) => [e.cause, e.otherMigrationId])).toEqual([
      ["started", undefined],
      ["joined", "2"],
      ["left", "2"],
    ]);
    const [alone, shared, again] = shares1;
    expect(shared?.wireBytesPerSecond).toBeCloseTo((alone?.wireBytesPerSecond ?? 0) / 2, 3);
    expect(shared?.links[0]?.flows.map((f) => f.migrationId)).toEqual(["1", "2"]);
    expect(again?.wireBytesPerSecond).toBe(alone?.wireBytesPerSecond);
    // At 1x again: 2 wall seconds are 2 simulated seconds of move 1 (progress every second).
    const before = ofType(received, "progress", "1").length;
    await run(2000);
    expect(ofType(received, "progress", "1").length - before).toBe(2);
  });

  it("two moves at different speeds give the same events however the clock is stepped", async () => {
    const go = async (step: number) => {
      const h = harness();
      await h.runner.start(1, { ...input, memoryBytes: 32 * GiB }, 2);
      await h.run(2000, step);
      await h.runner.start(2, input, 30);
      await h.run(4000, step);
      return h.received.filter((e) => e.type !== "progress");
    };
    expect(await go(8)).toEqual(await go(250));
  });
});
