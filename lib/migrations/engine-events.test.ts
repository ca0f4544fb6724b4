import { describe, expect, it } from "vitest";
import type { MigrationSummary, SimEvent } from "@/lib/engine/types";
import { type MoveFacts, storedStep } from "./engine-events";

const facts: MoveFacts = {
  id: 7,
  vmId: 3,
  vmName: "SQL01",
  kind: "live",
  sourceHostId: 1,
  sourceHostName: "HV1",
  destinationHostId: 2,
  destinationHostName: "HV2",
  storagePath: null,
};
const now = new Date("2026-11-30T08:00:00Z");
const m = "7";

const summary = (outcome: MigrationSummary["outcome"]): MigrationSummary => ({
  outcome,
  owner: outcome === "succeeded" ? "destination" : "source",
  startMs: 0,
  endMs: 9000,
  totalMs: 9000,
  downtimeMs: 420,
  passes: 3,
  converged: outcome === "succeeded",
  stoppedAtCap: false,
  bytesSent: 1e9,
  wireBytes: 5e8,
  cpuCoreSeconds: 1,
  passList: [],
  reason: { kind: "converged", passes: 3, dirtyBytes: 1e6, thresholdBytes: 4e7, downtimeMs: 420 },
  ...(outcome === "succeeded" ? {} : { failure: { code: "link-down", stage: "memory-transfer" } }),
});

describe("storedStep", () => {
  it("turns stages into stage events with MigrationState, and the cleanup stage into the switchover", () => {
    const step = storedStep(
      facts,
      [
        { type: "stage-completed", migrationId: m, atMs: 8000, stage: "state-transfer" },
        { type: "stage-started", migrationId: m, atMs: 8000, stage: "cleanup" },
      ],
      now,
    );
    expect(step.events.map((e) => e.type)).toEqual(["stage", "stage", "switchover"]);
    expect(step.events[1]).toEqual({
      type: "stage",
      atMs: 8000,
      data: { stage: "cleanup", phase: "started", migrationState: 3 },
    });
    expect(step.effects).toEqual(["switch-over"]);
    expect(step.patch).toEqual({ stage: "cleanup", switchedOver: true });
    expect(step.done).toBe(false);
  });

  it("keeps pass and progress figures without the engine's ids, and the percent on the row", () => {
    const pass: SimEvent = {
      type: "pass",
      migrationId: m,
      atMs: 4000,
      pass: 1,
      bytes: 1e9,
      pages: 244_141,
      wireBytes: 5e8,
      durationMs: 3000,
      dirtiedBytes: 1e8,
      dirtiedPages: 24_414,
      dirtyBytesPerSecond: 3e7,
      throughputBytesPerSecond: 3e8,
      remainingDirtyBytes: 1e8,
    };
    const step = storedStep(facts, [pass], now);
    const { type: _t, migrationId: _m, ...data } = pass;
    expect(step.events).toEqual([{ type: "pass", atMs: 4000, data }]);
    expect(step.effects).toEqual([]);
  });

  it("saves a quick migration's VM at the blackout and restores it at a rollback, in that order", () => {
    const step = storedStep(
      { ...facts, kind: "quick" },
      [
        { type: "blackout-started", migrationId: m, atMs: 1000, bytesToSend: 4e9 },
        { type: "rollback", migrationId: m, atMs: 1500, stage: "state-transfer", code: "link-down" },
      ],
      now,
    );
    expect(step.effects).toEqual(["save-for-quick-move", "restore-after-quick-move"]);
    expect(
      storedStep(facts, [{ type: "blackout-started", migrationId: m, atMs: 1, bytesToSend: 1 }], now).effects,
    ).toEqual([]);
  });

  it("logs an injected fault with the lab's entry next to the fault event", () => {
    const step = storedStep(
      facts,
      [
        {
          type: "fault",
          migrationId: m,
          atMs: 2500,
          fault: "link-down",
          effect: { kind: "rolls-back", afterMs: 18_900 },
        },
      ],
      now,
    );
    expect(step.events.map((e) => e.type)).toEqual(["fault", "log"]);
    expect(step.events[0]?.data).toEqual({
      fault: "link-down",
      effect: { kind: "rolls-back", afterMs: 18_900 },
    });
  });

  it("ends a successful move with 20415 on the source host's log, the summary and 100 %", () => {
    const step = storedStep(
      facts,
      [{ type: "done", migrationId: m, atMs: 9000, summary: summary("succeeded") }],
      now,
    );
    expect(step.done).toBe(true);
    const [log, done] = step.events;
    expect(log).toMatchObject({ type: "log", hostId: 1, data: { eventId: 20415, hostName: "HV1" } });
    expect(done).toMatchObject({ type: "done", data: { status: "succeeded", failure: null } });
    expect(step.patch).toMatchObject({ status: "succeeded", percent: 100, stage: "done", finishedAt: now });
  });

  it("ends a failed move with its code and Hyper-V's message on the row and in the done event", () => {
    const step = storedStep(
      facts,
      [{ type: "done", migrationId: m, atMs: 9000, summary: summary("failed") }],
      now,
    );
    const done = step.events.find((e) => e.type === "done");
    expect(done?.data).toMatchObject({ status: "failed", failure: { code: "link-down" } });
    expect(step.patch).toMatchObject({ status: "failed", failureCode: "link-down", stage: "done" });
    expect(step.patch.failureMessage).toMatch(/0x8007274C/);
  });
});
