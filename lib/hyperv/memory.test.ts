import { describe, expect, it } from "vitest";
import { hostMemory } from "./memory";

const host = { memoryMiB: 256 * 1024, hostReservedMiB: 8 * 1024 };

describe("hostMemory", () => {
  it("counts running and paused guests, not saved or off ones", () => {
    const m = hostMemory(host, [
      { state: "Running", memoryMiB: 4096 },
      { state: "Paused", memoryMiB: 2048 },
      { state: "Saved", memoryMiB: 16384 },
      { state: "Off", memoryMiB: 32768 },
    ]);
    expect(m).toEqual({
      totalMiB: 262144,
      hostReservedMiB: 8192,
      guestMiB: 6144,
      usedMiB: 8192 + 6144,
      availableMiB: 262144 - 8192 - 6144,
    });
  });

  it("an empty host has everything but its reserve available", () => {
    expect(hostMemory(host, [])).toMatchObject({ guestMiB: 0, usedMiB: 8192, availableMiB: 253952 });
  });

  it("never reports negative availability or more used than installed", () => {
    const m = hostMemory({ memoryMiB: 16384, hostReservedMiB: 4096 }, [
      { state: "Running", memoryMiB: 20000 },
    ]);
    expect(m.availableMiB).toBe(0);
    expect(m.usedMiB).toBe(16384);
    expect(m.guestMiB).toBe(20000);
  });

  it("a host that reserves all of its memory (DC, storage server) has none for guests", () => {
    expect(hostMemory({ memoryMiB: 16384, hostReservedMiB: 16384 }, []).availableMiB).toBe(0);
  });

  it("keeps used + available = total while memory is not overcommitted", () => {
    for (const guests of [0, 1024, 100_000, 253_952]) {
      const m = hostMemory(host, [{ state: "Running", memoryMiB: guests }]);
      expect(m.usedMiB + m.availableMiB).toBe(m.totalMiB);
    }
  });
});
