import { describe, expect, it } from "vitest";
import { labSpeed } from "./index";

describe("LAB_SPEED", () => {
  it("defaults to real time and takes 0.01 to 1000", () => {
    expect(labSpeed({})).toBe(1);
    expect(labSpeed({ LAB_SPEED: " " })).toBe(1);
    expect(labSpeed({ LAB_SPEED: "20" })).toBe(20);
    expect(labSpeed({ LAB_SPEED: "0.01" })).toBe(0.01);
  });
  it("names the variable and the problem otherwise", () => {
    expect(() => labSpeed({ LAB_SPEED: "abc" })).toThrow(
      /^Invalid LAB_SPEED "abc": LAB_SPEED must be a number/,
    );
    expect(() => labSpeed({ LAB_SPEED: "0" })).toThrow(/at least 0.01/);
    expect(() => labSpeed({ LAB_SPEED: "5000" })).toThrow(/at most 1000/);
  });
});
