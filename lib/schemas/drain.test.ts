import { describe, expect, it } from "vitest";
import { DrainListQuery, ResumeNodeInput, SuspendNodeInput } from "./drain";

describe("SuspendNodeInput", () => {
  it("a drain, to the best nodes or to a target, at a speed", () => {
    expect(SuspendNodeInput.parse({ drain: true })).toEqual({ drain: true });
    expect(SuspendNodeInput.parse({ drain: true, targetNodeId: 3, speed: 1000 })).toEqual({
      drain: true,
      targetNodeId: 3,
      speed: 1000,
    });
    expect(SuspendNodeInput.parse({ drain: false, targetNodeId: null })).toEqual({
      drain: false,
      targetNodeId: null,
    });
  });
  it("refuses a target without a drain, a speed out of range and unknown fields, with paths", () => {
    expect(SuspendNodeInput.safeParse({ drain: false, targetNodeId: 3 }).error?.issues[0]?.path).toEqual([
      "targetNodeId",
    ]);
    expect(SuspendNodeInput.safeParse({ drain: true, speed: 5000 }).error?.issues[0]?.path).toEqual([
      "speed",
    ]);
    expect(SuspendNodeInput.safeParse({}).success).toBe(false);
    expect(SuspendNodeInput.safeParse({ drain: true, force: true }).success).toBe(false);
  });
});

describe("ResumeNodeInput and DrainListQuery", () => {
  it("a resume says whether roles fail back; a list filters by node or cluster", () => {
    expect(ResumeNodeInput.parse({ failback: true })).toEqual({ failback: true });
    expect(ResumeNodeInput.safeParse({ failback: "Immediate" }).success).toBe(false);
    expect(DrainListQuery.parse({ hostId: "2" })).toEqual({ hostId: 2, limit: 100 });
    expect(DrainListQuery.safeParse({ hostId: "x" }).success).toBe(false);
  });
});
