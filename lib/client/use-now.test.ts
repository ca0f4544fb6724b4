import { describe, expect, it } from "vitest";
import { labNow } from "./use-now";

const state = (mode: "running" | "paused", rate = 1) => ({
  mode,
  rate,
  nowMs: 1_000_000,
  now: new Date(1_000_000).toISOString(),
  controlled: true,
  wallMs: 5,
});

describe("labNow", () => {
  it("stands still with a paused lab clock, whatever the browser's clock says", () => {
    expect(labNow(state("paused"), 500, 90_000)).toBe(1_000_000);
  });
  it("runs on from what it last heard at the clock's rate", () => {
    expect(labNow(state("running", 20), 500, 1_500)).toBe(1_000_000 + 1000 * 20);
  });
  it("is the browser's clock until the lab's is known", () => {
    expect(labNow(undefined, 0, 42)).toBe(42);
  });
});
