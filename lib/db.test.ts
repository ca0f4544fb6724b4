import { describe, expect, it } from "vitest";
import { db, dbReady, rawDb, withWriteLock } from "./db";

describe("the SQLite connections", () => {
  it("both run the file in WAL mode, committing without an fsync each time (synchronous NORMAL)", async () => {
    await dbReady();
    const [prismaMode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [prismaSync] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(prismaMode?.journal_mode).toBe("wal");
    expect(Number(prismaSync?.synchronous)).toBe(1);
    expect(rawDb().pragma("journal_mode", { simple: true })).toBe("wal");
    expect(rawDb().pragma("synchronous", { simple: true })).toBe(1);
  });
});

describe("withWriteLock", () => {
  it("lets the event loop turn before each write, so a chain of writes never starves requests", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("request"));
    await withWriteLock(async () => {
      order.push("write");
    });
    expect(order).toEqual(["request", "write"]);
  });

  it("a runner step (yieldFirst: false) takes a free lock at once, but waits behind another write", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("request"));
    await withWriteLock(
      async () => {
        order.push("step");
      },
      { yieldFirst: false },
    );
    expect(order).toEqual(["step"]);

    let release = () => undefined as unknown;
    const first = withWriteLock(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const second = withWriteLock(
      async () => {
        order.push("queued step");
      },
      { yieldFirst: false },
    );
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).not.toContain("queued step");
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["step", "request", "queued step"]);
  });
});
