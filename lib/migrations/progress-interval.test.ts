import { describe, expect, it } from "vitest";
import { progressIntervalFor } from "./service";

describe("progressIntervalFor", () => {
  it("keeps the runner's pace for short moves and about 200 ticks over a long one, in whole seconds", () => {
    expect(progressIntervalFor(60_000, 1)).toBe(1000);
    expect(progressIntervalFor(60_000, 20)).toBe(5000);
    expect(progressIntervalFor(6_400_000, 1)).toBe(32_000);
    expect(progressIntervalFor(6_401_000, 1)).toBe(33_000);
  });
});
