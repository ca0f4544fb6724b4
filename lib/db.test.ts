import { describe, expect, it } from "vitest";
import { db, dbReady, rawDb } from "./db";

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
