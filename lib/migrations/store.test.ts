// The event store's two paths: appendEvents inside a Prisma write transaction (with row and
// inventory changes), and appendLightSteps, one synchronous transaction for a runner step that
// changes only the moves' own rows, published as soon as it has committed.

import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { databaseUrl, db, writeTransaction } from "@/lib/db";
import { idOf, seedDemo } from "@/lib/testing/seed";
import type { Published } from "./bus";
import { appendEvents, appendLightSteps, eventsAfter, getMigrationDto, type NewEvent } from "./store";

const log = (message: string, atMs: number): NewEvent => ({
  type: "log",
  atMs,
  data: { eventId: 0, level: "Information", channel: "lab", hostName: "HV1", message },
});

async function newMove(): Promise<number> {
  const row = await db.migration.create({
    data: {
      vmId: idOf("vms", "WEB01"),
      vmName: "WEB01",
      kind: "live",
      sourceHostId: idOf("hosts", "HV1"),
      destinationHostId: idOf("hosts", "HV2"),
      startedFrom: "admin-center",
      status: "running",
      speed: 1,
      seed: 1,
      switchMap: {},
      input: {},
      prediction: {},
    },
    select: { id: true },
  });
  return row.id;
}

beforeEach(async () => {
  await seedDemo();
});

describe("appendLightSteps", () => {
  it("numbers on from the full path's events, sets stage and percent, and publishes only what is stored", async () => {
    const a = await newMove();
    const b = await newMove();
    await writeTransaction((tx) => appendEvents(tx, a, [log("first", 0)], new Date()));
    const seen: { published: Published[] }[] = [];
    const { vanished } = await appendLightSteps(
      [
        {
          migrationId: a,
          events: [log("second", 10), log("third", 20)],
          patch: { stage: "memory-transfer", percent: 12.5 },
        },
        { migrationId: b, events: [log("only", 5)], patch: {} },
      ],
      new Date(),
      (published) => {
        seen.push({ published });
      },
    );
    expect(vanished).toEqual([]);
    const stored = await eventsAfter(a, 0);
    expect(stored.map((e) => [e.seq, e.type === "log" ? e.data.message : ""])).toEqual([
      [1, "first"],
      [2, "second"],
      [3, "third"],
    ]);
    const [call] = seen;
    expect(call?.published.map((p) => p.event)).toEqual([...stored.slice(1), ...(await eventsAfter(b, 0))]);
    // Global ids (for /api/events) in storing order, and the frame the streams send.
    const ids = call?.published.map((p) => p.id) ?? [];
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(call?.published[0]?.frame).toBe(`id: 2\nevent: log\ndata: ${JSON.stringify(stored[1])}\n\n`);
    expect(await getMigrationDto(a)).toMatchObject({ stage: "memory-transfer", percent: 12.5, lastSeq: 3 });
    expect(await getMigrationDto(b)).toMatchObject({ stage: "pending", percent: 0, lastSeq: 1 });
  });

  it("has committed when it publishes: another connection reads the events from the publish callback", async () => {
    const a = await newMove();
    const other = new Database(databaseUrl().replace(/^file:/, ""), { readonly: true });
    let readBack = -1;
    try {
      await appendLightSteps(
        [{ migrationId: a, events: [log("x", 1), log("y", 2)], patch: {} }],
        new Date(),
        () => {
          const row = other
            .prepare(`SELECT count(*) AS n FROM "MigrationEvent" WHERE "migrationId" = ?`)
            .get(a) as {
            n: number;
          };
          readBack = row.n;
        },
      );
    } finally {
      other.close();
    }
    expect(readBack).toBe(2);
  });

  it("stores nothing for a move whose row is gone and says so; the others are stored", async () => {
    const a = await newMove();
    const gone = await newMove();
    await db.migration.delete({ where: { id: gone } });
    const published: Published[] = [];
    const { vanished } = await appendLightSteps(
      [
        { migrationId: gone, events: [log("lost", 1)], patch: { percent: 50 } },
        { migrationId: a, events: [log("kept", 1)], patch: {} },
      ],
      new Date(),
      (p) => published.push(...p),
    );
    expect(vanished).toEqual([gone]);
    expect(published.map((p) => p.event.migrationId)).toEqual([a]);
    expect(await db.migrationEvent.count({ where: { migrationId: gone } })).toBe(0);
  });

  it("runs after a write transaction already under way, never inside it", async () => {
    const a = await newMove();
    const order: string[] = [];
    const slow = writeTransaction(async (tx) => {
      await appendEvents(tx, a, [log("prisma", 0)], new Date());
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push("prisma committed");
    });
    const light = appendLightSteps(
      [{ migrationId: a, events: [log("light", 1)], patch: {} }],
      new Date(),
      () => order.push("light published"),
    );
    await Promise.all([slow, light]);
    expect(order).toEqual(["prisma committed", "light published"]);
    expect((await eventsAfter(a, 0)).map((e) => e.seq)).toEqual([1, 2]);
  });
});
