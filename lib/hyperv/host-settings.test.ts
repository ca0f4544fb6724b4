import { describe, expect, it } from "vitest";
import {
  byPriority,
  changedSettings,
  DEFAULT_HOST_SETTINGS,
  moveNetwork,
  networkChanges,
  nextPriority,
  settingsDiffer,
} from "./host-settings";

const net = (subnet: string, priority: number) => ({ subnet, priority });

describe("the incoming networks", () => {
  it("are ordered by priority, then by subnet", () => {
    expect(byPriority([net("10.0.0.0/24", 8), net("192.168.10.0/24", 1), net("10.0.1.0/24", 8)])).toEqual([
      net("192.168.10.0/24", 1),
      net("10.0.0.0/24", 8),
      net("10.0.1.0/24", 8),
    ]);
  });

  it("changes are keyed by subnet: added, removed, and a new priority", () => {
    const before = [net("192.168.10.0/24", 8), net("10.0.0.0/24", 2)];
    const after = [net("192.168.10.0/24", 4), net("172.16.0.0/16", 9), net("172.16.1.0/24", 1)];
    expect(networkChanges(before, after)).toEqual({
      added: [net("172.16.1.0/24", 1), net("172.16.0.0/16", 9)],
      removed: ["10.0.0.0/24"],
      reprioritised: [net("192.168.10.0/24", 4)],
    });
    expect(networkChanges(before, before)).toEqual({ added: [], removed: [], reprioritised: [] });
  });

  it("Move up and Move down trade places and priorities", () => {
    const rows = [net("a", 1), net("b", 5), net("c", 9)];
    expect(moveNetwork(rows, 1, -1)).toEqual([net("b", 1), net("a", 5), net("c", 9)]);
    expect(moveNetwork(rows, 1, 1)).toEqual([net("a", 1), net("c", 5), net("b", 9)]);
    // The ends do not move.
    expect(moveNetwork(rows, 0, -1)).toEqual(rows);
    expect(moveNetwork(rows, 2, 1)).toEqual(rows);
  });

  it("two rows of one priority: the one that ends lower gets the next number", () => {
    const rows = [net("a", 3), net("b", 3)];
    expect(moveNetwork(rows, 1, -1)).toEqual([net("b", 3), net("a", 4)]);
    expect(moveNetwork(rows, 0, 1)).toEqual([net("b", 3), net("a", 4)]);
    // And the result is in priority order, as the list shows it.
    const moved = moveNetwork(rows, 1, -1);
    expect(byPriority(moved)).toEqual(moved);
  });

  it("a new row goes to the end with the next priority", () => {
    expect(nextPriority([])).toBe(1);
    expect(nextPriority([net("a", 8), net("b", 2)])).toBe(9);
    expect(nextPriority([{ priority: Number.NaN }])).toBe(1);
  });
});

describe("what changed", () => {
  it("lists the scalar settings that differ and says whether anything does", () => {
    const after = { ...DEFAULT_HOST_SETTINGS, enabled: true, maxPasses: 5 };
    expect(changedSettings(DEFAULT_HOST_SETTINGS, after)).toEqual(["enabled", "maxPasses"]);
    expect(settingsDiffer(DEFAULT_HOST_SETTINGS, after)).toBe(true);
    expect(settingsDiffer(DEFAULT_HOST_SETTINGS, { ...DEFAULT_HOST_SETTINGS })).toBe(false);
    expect(
      settingsDiffer(DEFAULT_HOST_SETTINGS, { ...DEFAULT_HOST_SETTINGS, networks: [net("10.0.0.0/8", 1)] }),
    ).toBe(true);
  });

  it("a reordered list that keeps every subnet's priority is no change", () => {
    const a = { ...DEFAULT_HOST_SETTINGS, networks: [net("a", 1), net("b", 2)] };
    const b = { ...DEFAULT_HOST_SETTINGS, networks: [net("b", 2), net("a", 1)] };
    expect(settingsDiffer(a, b)).toBe(false);
  });
});
