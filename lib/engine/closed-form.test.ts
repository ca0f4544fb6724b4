import { describe, expect, it } from "vitest";
import { closedForm, predict, simulate } from "./index";
import { GiB, MiB, rawLinear } from "./testkit";
import type { MigrationInput, SimEvent } from "./types";

const TOL = 1e-6;

function expectClose(actual: number, expected: number): void {
  const scale = Math.max(Math.abs(expected), 1e-9);
  expect(Math.abs(actual - expected) / scale).toBeLessThanOrEqual(TOL);
}

function check(input: MigrationInput) {
  const { summary, events } = simulate(input);
  if (input.dirty.model !== "linear") throw new Error("linear only");
  const cf = closedForm({
    memoryBytes: input.memoryBytes,
    bytesPerSecond: input.link.bytesPerSecond,
    dirtyBytesPerSecond: input.dirty.bytesPerSecond,
    stopBelowBytes: input.policy?.stopBelowBytes ?? 0,
    maxPasses: input.policy?.maxPasses ?? 10,
  });
  expect(summary.passes).toBe(cf.passes);
  expect(summary.converged).toBe(cf.converged);
  summary.passList.forEach((p, i) => {
    expectClose(p.bytes, cf.passBytes[i] ?? Number.NaN);
    expectClose(p.durationMs, ((cf.passBytes[i] ?? Number.NaN) / input.link.bytesPerSecond) * 1000);
  });
  const memoryDone = events.find(
    (e): e is Extract<SimEvent, { type: "stage-completed" }> =>
      e.type === "stage-completed" && e.stage === "memory-transfer",
  );
  expectClose(memoryDone?.atMs ?? Number.NaN, cf.precopyMs);
  expectClose(summary.downtimeMs, cf.downtimeMs);
  expectClose(summary.totalMs, cf.totalMs);
  expectClose(summary.bytesSent, cf.bytesSent);
  expect(summary.wireBytes).toBe(summary.bytesSent);
  return { summary, cf };
}

describe("raw transport, linear model, no overheads: equals the closed form", () => {
  it("converges in one pass when the first copy leaves less than the threshold", () => {
    const { summary } = check(rawLinear(4 * GiB, 128 * MiB, 1 * MiB));
    expect(summary.passes).toBe(1);
    expect(summary.converged).toBe(true);
    expect(summary.reason).toMatchObject({ kind: "converged", passes: 1, dirtyBytes: 32 * MiB });
  });

  it("lambda = 1/4: pass i sends M/4^(i-1), pre-copy (M/R)(1-lambda^n)/(1-lambda)", () => {
    const { summary, cf } = check(rawLinear(4 * GiB, 128 * MiB, 32 * MiB));
    expect(summary.passes).toBe(4);
    expect(cf.precopyMs).toBe(42_500);
    expect(summary.passList.map((p) => p.bytes)).toEqual([4 * GiB, GiB, 256 * MiB, 64 * MiB]);
    expect(summary.downtimeMs).toBe(125);
  });

  it("stops at the pass cap when lambda is close to 1", () => {
    const { summary } = check(rawLinear(4 * GiB, 100e6, 90e6));
    expect(summary.passes).toBe(10);
    expect(summary.stoppedAtCap).toBe(true);
    expect(summary.converged).toBe(false);
    expect(summary.reason).toMatchObject({ kind: "pass-cap", cause: "dirty-rate-near-link", maxPasses: 10 });
  });

  it("stops at a cap of 5 (Windows Server 2012 R2 and later)", () => {
    const { summary } = check(rawLinear(8 * GiB, 1e9, 0.6e9, { maxPasses: 5 }));
    expect(summary.passes).toBe(5);
  });

  it("D > R never converges: every pass resends all memory, blackout = M / R", () => {
    const M = 4 * GiB;
    const { summary } = check(rawLinear(M, 1.1e9, 1.9e9));
    expect(summary.passes).toBe(10);
    expect(summary.passList.every((p) => p.bytes === M)).toBe(true);
    expectClose(summary.downtimeMs, (M / 1.1e9) * 1000);
    expect(summary.reason).toMatchObject({
      kind: "pass-cap",
      cause: "dirty-rate-above-link",
      dirtyBytesPerSecond: 1.9e9,
    });
    expectClose(summary.reason.kind === "pass-cap" ? summary.reason.linkBytesPerSecond : 0, 1.1e9);
  });

  it("zero dirty rate: one pass and a zero-byte blackout", () => {
    const { summary } = check(rawLinear(GiB, GiB, 0));
    expect(summary.downtimeMs).toBe(0);
    expect(summary.totalMs).toBe(1000);
  });
});

describe("predict", () => {
  it("is the noiseless simulation: same passes, times and reason", () => {
    const input: MigrationInput = {
      ...rawLinear(16 * GiB, 1.25e9, 0.4e9),
      transport: "compression",
      policy: undefined,
      noise: 0.05,
      seed: 7,
    };
    const p = predict(input);
    const s = simulate({ ...input, noise: 0 }).summary;
    expect(p.totalMs).toBe(s.totalMs);
    expect(p.downtimeMs).toBe(s.downtimeMs);
    expect(p.passes).toBe(s.passes);
    expect(p.reason).toEqual(s.reason);
    expect(p.passList).toEqual(s.passList);
    // With noise the run differs, but only by a few percent.
    const noisy = simulate(input).summary;
    expect(noisy.totalMs).not.toBe(p.totalMs);
    expect(Math.abs(noisy.totalMs / p.totalMs - 1)).toBeLessThan(0.15);
  });
});
