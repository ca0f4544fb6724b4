import { describe, expect, it } from "vitest";
import { MAX_PROGRESS_PER_SECOND, ProgressCoalescer, progressIntervalFor } from "./progress-interval";

describe("progressIntervalFor", () => {
  it("keeps the runner's pace for short moves and about 200 ticks over a long one, in whole seconds", () => {
    expect(progressIntervalFor(60_000, 1)).toBe(1000);
    expect(progressIntervalFor(60_000, 20)).toBe(5000);
    expect(progressIntervalFor(6_400_000, 1)).toBe(32_000);
    expect(progressIntervalFor(6_401_000, 1)).toBe(33_000);
  });
});

describe("ProgressCoalescer", () => {
  it("keeps at most 10 a lab second per move: one every 100 ms x the timeline's rate of simulated time", () => {
    const c = new ProgressCoalescer();
    // A 1x move's ticks (every simulated second) on a timeline running at 50x: 50 ticks a lab second.
    const kept = Array.from({ length: 100 }, (_, i) => (i + 1) * 1000).filter((t) => c.keep("7", t, 40, 50));
    // One per 5,000 simulated ms: 10 per lab second.
    expect(kept).toEqual(Array.from({ length: 20 }, (_, i) => 1000 + i * 5000));
    expect(kept.length / (100_000 / 50 / 1000)).toBe(MAX_PROGRESS_PER_SECOND);
  });

  it("keeps every tick that is already slow enough, and always the final one", () => {
    const c = new ProgressCoalescer();
    expect([1000, 2000, 3000].map((t) => c.keep("1", t, 10, 1))).toEqual([true, true, true]);
    expect(c.keep("1", 3050, 100, 1)).toBe(true);
    const fast = new ProgressCoalescer();
    expect(fast.keep("2", 1000, 10, 1000)).toBe(true);
    expect(fast.keep("2", 2000, 99, 1000)).toBe(false);
    expect(fast.keep("2", 2500, 100, 1000)).toBe(true);
  });

  it("counts each move apart, follows the rate as it changes, and decides on simulated times alone", () => {
    const run = (times: number[]) => {
      const c = new ProgressCoalescer();
      return times
        .flatMap((t) => [
          c.keep("a", t, 50, t < 10_000 ? 20 : 1) ? `a${t}` : null,
          c.keep("b", t + 500, 50, t < 10_000 ? 20 : 1) ? `b${t + 500}` : null,
        ])
        .filter((x) => x !== null);
    };
    const ticks = Array.from({ length: 30 }, (_, i) => i * 1000);
    const once = run(ticks);
    // At 20x: one per 2 simulated seconds; at 1x from 10 s on: every tick.
    expect(once.filter((x) => x.startsWith("a"))).toEqual([
      "a0",
      "a2000",
      "a4000",
      "a6000",
      "a8000",
      ...ticks.slice(10).map((t) => `a${t}`),
    ]);
    expect(once.filter((x) => x.startsWith("b"))).toHaveLength(5 + 20);
    expect(run(ticks)).toEqual(once);
  });
});
