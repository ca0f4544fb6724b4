// policy.precopy = false: quick migration (save, move, restore), all memory sent in the blackout.
import { describe, expect, it } from "vitest";
import { checkInput, EngineInputError, predict, Simulation, simulate } from "./index";
import { GBE_10, GiB, MiB, rawLinear } from "./testkit";
import type { MigrationInput, SimEvent } from "./types";

const quick: MigrationInput = {
  ...rawLinear(4 * GiB, GBE_10, 0.3e9),
  policy: { setupMs: 1000, switchoverMs: 500, cleanupMs: 250, deviceStateBytes: 8 * MiB, precopy: false },
};

const stages = (events: SimEvent[]) =>
  events
    .filter((e) => e.type === "stage-started" || e.type === "stage-completed")
    .map((e) => `${e.type === "stage-started" ? "+" : "-"}${"stage" in e ? e.stage : ""}`);

describe("quick migration (policy.precopy false)", () => {
  it("skips the memory transfer: setup, then a blackout that sends all memory and the device state", () => {
    const { events, summary } = simulate(quick);
    expect(stages(events)).toEqual([
      "+setup",
      "-setup",
      "+state-transfer",
      "-state-transfer",
      "+cleanup",
      "-cleanup",
    ]);
    expect(events.filter((e) => e.type === "pass")).toEqual([]);
    const blackout = events.find((e) => e.type === "blackout-started");
    expect(blackout).toMatchObject({ atMs: 1000, bytesToSend: 4 * GiB + 8 * MiB });
    // Raw link: (4 GiB + 8 MiB) / 1.25 GB/s, plus the switchover.
    const transferMs = ((4 * GiB + 8 * MiB) / GBE_10) * 1000;
    expect(summary.downtimeMs).toBeCloseTo(transferMs + 500, 6);
    expect(summary.totalMs).toBeCloseTo(1000 + transferMs + 500 + 250, 6);
    expect(summary).toMatchObject({ outcome: "succeeded", passes: 0, converged: false, stoppedAtCap: false });
    expect(summary.bytesSent).toBe(4 * GiB + 8 * MiB);
    expect(summary.reason).toEqual({ kind: "quick", memoryBytes: 4 * GiB, downtimeMs: summary.downtimeMs });
  });

  it("pre-copy stays the default: the same input without the flag runs passes and a short blackout", () => {
    const { summary } = simulate({ ...quick, policy: { ...quick.policy, precopy: undefined } });
    expect(summary.passes).toBeGreaterThan(0);
    expect(summary.downtimeMs).toBeLessThan(simulate(quick).summary.downtimeMs / 2);
  });

  it("progress never goes backwards and the estimate counts all memory from the start", () => {
    const sim = new Simulation({ progressIntervalMs: 250 });
    sim.addMigration("q", quick, 0);
    const progress = sim.runToEnd().filter((e) => e.type === "progress");
    const percents = progress.map((e) => e.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    const first = progress[0];
    expect(first?.stage).toBe("setup");
    expect(first?.etaMs).toBeCloseTo(simulate(quick).summary.totalMs - 250, 0);
  });

  it("a cancel during the blackout rolls back and resumes the VM on the source", () => {
    const sim = new Simulation();
    sim.addMigration("q", quick, 0);
    sim.cancel("q", 2000);
    const events = sim.runToEnd();
    expect(events.map((e) => e.type).slice(-3)).toEqual(["blackout-ended", "rollback", "done"]);
    expect(sim.summary("q")).toMatchObject({ outcome: "cancelled", owner: "source", downtimeMs: 1000 });
  });

  it("predict() reports no passes and the whole memory in the blackout", () => {
    const p = predict(quick);
    expect(p.passes).toBe(0);
    expect(p.bytesSent).toBe(4 * GiB + 8 * MiB);
  });

  it("rejects a precopy that is not a boolean", () => {
    const bad = { ...quick, policy: { precopy: "no" } } as unknown as MigrationInput;
    expect(() => checkInput(bad)).toThrow(EngineInputError);
  });
});
