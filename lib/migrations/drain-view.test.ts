import { describe, expect, it } from "vitest";
import { aggregateThroughput, drainMoveState, linkShares, type RateSample, wireRate } from "./drain-view";

const sample = (atMs: number, bytesPerSecond: number, wireBytes = 0): RateSample => ({
  atMs,
  bytesPerSecond,
  wireBytes,
});

describe("a role's state on the drain page", () => {
  it("is its stored outcome once final, else its migration's status", () => {
    expect(drainMoveState("done", null)).toBe("done");
    expect(drainMoveState("failed", "running")).toBe("failed");
    expect(drainMoveState("queued", "queued")).toBe("queued");
    expect(drainMoveState("queued", "running")).toBe("moving");
    expect(drainMoveState("moving", "succeeded")).toBe("done");
    expect(drainMoveState("moving", "cancelled")).toBe("failed");
    expect(drainMoveState("queued", null)).toBe("queued");
  });
});

describe("the drain's throughput over time", () => {
  it("sums the moves' rates, each from its own start, and nothing after a move ends", () => {
    const series = aggregateThroughput([
      { offsetMs: 0, endMs: 3000, samples: [sample(0, 100), sample(1000, 200)] },
      { offsetMs: 1000, endMs: null, samples: [sample(0, 50), sample(1500, 80)] },
      { offsetMs: null, endMs: null, samples: [] }, // still queued: adds nothing
    ]);
    expect(series).toEqual([
      { seconds: 0, bytesPerSecond: 100 },
      { seconds: 1, bytesPerSecond: 250 },
      { seconds: 2.5, bytesPerSecond: 280 },
      { seconds: 3, bytesPerSecond: 80 },
    ]);
  });

  it("thins to at most `points` evenly spread instants", () => {
    const samples = Array.from({ length: 1000 }, (_, i) => sample(i * 10, 1000));
    const series = aggregateThroughput([{ offsetMs: 0, endMs: null, samples }], 11);
    expect(series).toHaveLength(11);
    expect(series[0]?.seconds).toBe(0);
    expect(series.at(-1)?.seconds).toBe(9.99);
    expect(series.every((p) => p.bytesPerSecond === 1000)).toBe(true);
  });
});

describe("each move's share of its link", () => {
  it("takes the wire rate between the last two samples", () => {
    expect(wireRate([sample(1000, 10, 1000), sample(3000, 10, 5000)])).toBe(2000);
    expect(wireRate([sample(2000, 10, 4000)])).toBe(2000);
    // Outside a transfer (setup, cleanup) nothing is sent.
    expect(wireRate([sample(1000, 10, 1000), sample(3000, 0, 5000)])).toBe(0);
    expect(wireRate([])).toBe(0);
  });

  it("groups the moves by link: two moves off HV1 split its live-migration link, a quick move rides storage", () => {
    const shares = linkShares([
      { migrationId: 1, vmName: "SQL01", linkId: "host:2", capacity: 1000, samples: [sample(1000, 1, 500)] },
      { migrationId: 2, vmName: "WEB01", linkId: "host:2", capacity: 1000, samples: [sample(1000, 1, 400)] },
      {
        migrationId: 3,
        vmName: "FS01",
        linkId: "storage:2",
        capacity: 600,
        samples: [sample(2000, 1, 1200)],
      },
    ]);
    expect(shares).toEqual([
      {
        linkId: "host:2",
        capacity: 1000,
        usedBytesPerSecond: 900,
        moves: [
          { migrationId: 1, vmName: "SQL01", wireBytesPerSecond: 500, share: 0.5 },
          { migrationId: 2, vmName: "WEB01", wireBytesPerSecond: 400, share: 0.4 },
        ],
      },
      {
        linkId: "storage:2",
        capacity: 600,
        usedBytesPerSecond: 600,
        moves: [{ migrationId: 3, vmName: "FS01", wireBytesPerSecond: 600, share: 1 }],
      },
    ]);
  });
});
