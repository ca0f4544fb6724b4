import { describe, expect, it } from "vitest";
import type { MigrationDto } from "@/lib/schemas/migration";
import { mergeMigrations, newerDetail } from "./use-migrations";

function row(id: number, status: MigrationDto["status"], lastSeq: number, minute = id): MigrationDto {
  return {
    id,
    status,
    lastSeq,
    createdAt: `2026-11-26T00:${String(minute).padStart(2, "0")}:00.000Z`,
  } as MigrationDto;
}

describe("newerDetail", () => {
  it("keeps the copy that has seen more events, so a late GET cannot undo streamed ones", () => {
    const streamed = { id: 1, lastSeq: 40 };
    const stale = { id: 1, lastSeq: 30 };
    expect(newerDetail(streamed, stale)).toBe(streamed);
    expect(newerDetail(stale, streamed)).toBe(streamed);
    const other = { id: 2, lastSeq: 1 };
    expect(newerDetail(streamed, other)).toBe(other);
    expect(newerDetail(undefined, stale)).toBe(stale);
  });
});

describe("mergeMigrations", () => {
  it("updates rows by id, newest first, and ignores an older copy of a row", () => {
    const merged = mergeMigrations(
      [row(1, "running", 10), row(2, "succeeded", 50)],
      [row(1, "queued", 3), row(3, "queued", 1)],
    );
    expect(merged.map((m) => [m.id, m.status])).toEqual([
      [3, "queued"],
      [2, "succeeded"],
      [1, "running"],
    ]);
    expect(mergeMigrations(merged, [row(1, "succeeded", 11)]).find((m) => m.id === 1)?.status).toBe(
      "succeeded",
    );
  });

  it("keeps every active move and only the 20 latest finished ones", () => {
    const finished = Array.from({ length: 30 }, (_, i) => row(i + 10, "succeeded", 5));
    const active = row(1, "running", 5, 0);
    const merged = mergeMigrations([], [active, ...finished]);
    expect(merged).toHaveLength(21);
    expect(merged.at(-1)?.id).toBe(1);
    expect(merged[0]?.id).toBe(39);
  });
});
