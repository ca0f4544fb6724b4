// Integration: the Events tool's filter (log, event id, level, logged between) on the demo's log.
import { beforeAll, describe, expect, it } from "vitest";
import { CHANNEL } from "@/lib/hyperv/vocabulary";
import { EventListQuery } from "@/lib/schemas/event-log";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { SEED_EPOCH } from "@/prisma/estate";
import { listEventLog } from "./event-log";

const HV1 = String(idOf("hosts", "HV1"));
const list = (q: Record<string, string>) => listEventLog(EventListQuery.parse({ hostId: HV1, ...q }));
const hoursBefore = (h: number) => new Date(SEED_EPOCH.getTime() - h * 3_600_000).toISOString();

beforeAll(seedDemo);

describe("the event log's filter", () => {
  it("by log: the full channel name; the page names every log the host has entries in", async () => {
    const vmms = await list({ channel: CHANNEL.vmms });
    expect(vmms.items.map((e) => e.eventId).sort()).toEqual([20413, 20415, 20417]);
    // 21502 is the High-Availability channel's.
    const ha = await list({ channel: CHANNEL.highAvailability });
    expect(ha.items.map((e) => e.eventId)).toEqual([21502]);
    expect(vmms.channels).toEqual([
      CHANNEL.failoverClustering,
      CHANNEL.highAvailability,
      CHANNEL.vmms,
      CHANNEL.worker,
    ]);
    const cluster = await list({ channel: CHANNEL.failoverClustering });
    expect(cluster.items.map((e) => e.eventId)).toEqual([1201]);
  });

  it("by event id and level, together", async () => {
    expect((await list({ eventId: "21502" })).items.map((e) => e.vmName)).toEqual(["LEGACY-APP"]);
    expect((await list({ eventId: "21502", level: "Information" })).total).toBe(0);
    expect((await list({ level: "Warning" })).items.map((e) => e.eventId)).toEqual([20417]);
  });

  it("by time: logged at or after `from`, at or before `to`", async () => {
    // HV1's entries: 20413/20415 a week back, 21502 50 h, 18500 30 h, 20417 3 days, 1201 12 days.
    const since = await list({ from: hoursBefore(60) });
    expect(since.items.map((e) => e.eventId)).toEqual([18500, 21502]);
    const between = await list({ from: hoursBefore(24 * 8), to: hoursBefore(60) });
    expect(between.items.map((e) => e.eventId)).toEqual([20417, 20415, 20413]);
  });

  it("refuses a bad event id or time with the field's message", () => {
    const issues = (q: Record<string, string>) =>
      EventListQuery.safeParse(q).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ eventId: "70000" })).toEqual([["eventId", "Enter an event ID from 0 to 65535."]]);
    expect(issues({ eventId: "abc" })).toEqual([["eventId", "Enter an event ID from 0 to 65535."]]);
    expect(issues({ from: "yesterday" })).toEqual([
      ["from", "Use an ISO date and time, such as 2026-11-30T08:00:00Z."],
    ]);
  });
});
