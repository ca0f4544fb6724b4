import type { InfiniteData } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { Page } from "@/lib/schemas/common";
import type { MigrationDto, MigrationStreamEvent } from "@/lib/schemas/migration";
import {
  bellLabel,
  mergeMigrations,
  newerDetail,
  patchListRow,
  refetchDetailAfter,
  staleAfter,
} from "./use-migrations";

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

describe("patchListRow", () => {
  const list = (...pages: MigrationDto[][]): InfiniteData<Page<MigrationDto>> => ({
    pages: pages.map((items) => ({ items, nextCursor: null, total: items.length })),
    pageParams: pages.map(() => null),
  });

  it("replaces an older copy of the row, on whichever page it is", () => {
    const data = list([row(3, "running", 1)], [row(2, "running", 4), row(1, "succeeded", 9)]);
    const patched = patchListRow(data, row(2, "running", 7));
    expect(patched?.pages[1]?.items.map((m) => m.lastSeq)).toEqual([7, 9]);
    expect(patched?.pages[0]).toBe(data.pages[0]);
    expect(data.pages[1]?.items[0]?.lastSeq).toBe(4);
  });

  it("returns the same object when the row is absent or not newer, so nothing re-renders", () => {
    const data = list([row(2, "running", 4)]);
    expect(patchListRow(data, row(5, "queued", 1))).toBe(data);
    expect(patchListRow(data, row(2, "queued", 3))).toBe(data);
    expect(patchListRow(data, row(2, "running", 4))).toBe(data);
    expect(patchListRow(undefined, row(2, "running", 4))).toBeUndefined();
  });
});

describe("staleAfter", () => {
  const event = <T extends MigrationStreamEvent["type"]>(
    type: T,
    data: Extract<MigrationStreamEvent, { type: T }>["data"],
  ) => ({ seq: 1, atMs: 0, migrationId: 1, type, data }) as MigrationStreamEvent;
  const done = (status: "succeeded" | "failed" | "cancelled") =>
    event("done", { status, summary: null, failure: null });

  it("refreshes the event log at every end, not only a success: 21501/21502 and cancels log too", () => {
    for (const status of ["failed", "cancelled"] as const) {
      expect(staleAfter(done(status))).toEqual({ inventory: false, lists: true, eventLog: true });
    }
    expect(staleAfter(done("succeeded"))).toEqual({ inventory: true, lists: true, eventLog: true });
    expect(staleAfter(event("status", { status: "failed", message: "limit" }))).toMatchObject({
      eventLog: true,
      lists: true,
    });
  });

  it("refreshes the inventory at the switchover and leaves everything alone on progress", () => {
    expect(
      staleAfter(event("switchover", { destinationHostId: 2, destinationHostName: "HV2" })).inventory,
    ).toBe(true);
    const progress = event("progress", {} as Extract<MigrationStreamEvent, { type: "progress" }>["data"]);
    expect(staleAfter(progress)).toEqual({ inventory: false, lists: false, eventLog: false });
  });
});

describe("refetchDetailAfter", () => {
  const event = <T extends MigrationStreamEvent["type"]>(
    type: T,
    data: Extract<MigrationStreamEvent, { type: T }>["data"],
  ) => ({ seq: 1, atMs: 0, migrationId: 1, type, data }) as MigrationStreamEvent;

  it("fetches the row when the move starts running and when it ends: its start and finish times", () => {
    expect(refetchDetailAfter(event("status", { status: "running", message: "Moving" }))).toBe(true);
    for (const status of ["succeeded", "failed", "cancelled"] as const) {
      expect(refetchDetailAfter(event("done", { status, summary: null, failure: null }))).toBe(true);
    }
  });

  it("not for the many events the fold alone keeps up to date", () => {
    expect(
      refetchDetailAfter(event("status", { status: "queued", message: "Queued", queuePosition: 1 })),
    ).toBe(false);
    const progress = event("progress", {} as Extract<MigrationStreamEvent, { type: "progress" }>["data"]);
    expect(refetchDetailAfter(progress)).toBe(false);
  });
});

describe("bellLabel", () => {
  it("names running and queued moves, and nothing when none is active", () => {
    expect(bellLabel(0, 0)).toBe("Notifications");
    expect(bellLabel(1, 0)).toBe("Notifications, 1 running move");
    expect(bellLabel(2, 1)).toBe("Notifications, 2 running moves, 1 queued move");
    expect(bellLabel(0, 3)).toBe("Notifications, 3 queued moves");
  });
});
