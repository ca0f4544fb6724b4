import { describe, expect, it, vi } from "vitest";
import type { MigrationStreamEvent } from "@/lib/schemas/migration";
import { MigrationBus, type Published, type PublishedBatch } from "./bus";

function published(
  migrationId: number,
  seq: number,
  type: MigrationStreamEvent["type"] = "progress",
): Published {
  const event = { seq, type, atMs: seq * 10, migrationId, data: {} } as MigrationStreamEvent;
  return {
    id: migrationId * 100 + seq,
    event,
    frame: `id: ${seq}\nevent: ${type}\ndata: m${migrationId}\n\n`,
  };
}

describe("MigrationBus", () => {
  it("hands each move's subscribers one batch per publish, worked out once for all of them", () => {
    const bus = new MigrationBus();
    const one: PublishedBatch[] = [];
    const alsoOne: PublishedBatch[] = [];
    const two: PublishedBatch[] = [];
    bus.subscribe(1, (b) => one.push(b));
    bus.subscribe(1, (b) => alsoOne.push(b));
    bus.subscribe(2, (b) => two.push(b));

    bus.publish([published(1, 4), published(2, 7), published(1, 5, "done")]);

    expect(one).toHaveLength(1);
    // The very same object for every subscriber of the move: nothing is recomputed per subscriber.
    expect(alsoOne[0]).toBe(one[0]);
    expect(one[0]).toMatchObject({
      firstSeq: 4,
      lastSeq: 5,
      done: true,
      frames: "id: 4\nevent: progress\ndata: m1\n\nid: 5\nevent: done\ndata: m1\n\n",
    });
    expect(one[0]?.events.map((p) => p.event.seq)).toEqual([4, 5]);
    expect(two).toEqual([
      expect.objectContaining({
        firstSeq: 7,
        lastSeq: 7,
        done: false,
        frames: "id: 7\nevent: progress\ndata: m2\n\n",
      }),
    ]);
  });

  it("gives every-move subscribers each event, in order, and a move's subscribers only its own", () => {
    const bus = new MigrationBus();
    const all: number[] = [];
    const three: number[] = [];
    bus.subscribeAll((p) => all.push(p.id));
    bus.subscribe(3, (b) => three.push(...b.events.map((p) => p.id)));
    bus.publish(published(3, 1));
    bus.publish([published(1, 1), published(3, 2)]);
    bus.publish([]);
    expect(all).toEqual([301, 101, 302]);
    expect(three).toEqual([301, 302]);
  });

  it("a subscriber that throws stops neither the others nor the publisher", () => {
    const bus = new MigrationBus();
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const got: number[] = [];
    bus.subscribe(1, () => {
      throw new Error("broken");
    });
    bus.subscribe(1, (b) => got.push(b.lastSeq));
    expect(() => bus.publish(published(1, 9))).not.toThrow();
    expect(got).toEqual([9]);
    expect(error).toHaveBeenCalledWith("migration bus listener failed", expect.any(Error));
    error.mockRestore();
  });

  it("lets go of a subscriber when asked, and counts what is left", () => {
    const bus = new MigrationBus();
    const off = bus.subscribe(1, () => undefined);
    const offAll = bus.subscribeAll(() => undefined);
    expect(bus.listenerCount).toBe(2);
    off();
    off();
    offAll();
    expect(bus.listenerCount).toBe(0);
  });
});
