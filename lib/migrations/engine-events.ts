// What the engine's events of one runner step become: the stored stream events, the migration
// row's changes and the inventory changes they imply. Pure: the service applies the result in
// one transaction.
import type { Prisma } from "@/generated/prisma/client";
import {
  MIGRATION_STATE,
  type MigrationKind,
  type MigrationStatus,
  type StreamPayloads,
} from "@/lib/schemas/migration";
import * as texts from "./log-texts";
import { asJson } from "./row-data";
import type { RunnerEvent } from "./runner";

/** What the texts and the inventory changes need to know of a move. */
export interface MoveFacts {
  id: number;
  vmId: number;
  vmName: string;
  kind: MigrationKind;
  sourceHostId: number;
  sourceHostName: string;
  destinationHostId: number;
  destinationHostName: string;
  storagePath: string | null;
}

export type NewEvent = {
  [T in keyof StreamPayloads]: { type: T; atMs: number; data: StreamPayloads[T]; hostId?: number };
}[keyof StreamPayloads];

/** Inventory changes, in the order the events asked for them. */
export type InventoryEffect =
  /** The destination runs the VM now: move it (and its disks) there. */
  | "switch-over"
  /** A quick migration saves the VM before the blackout (clients drop). */
  | "save-for-quick-move"
  /** A rollback: the VM a quick migration saved is restored on the source. */
  | "restore-after-quick-move";

export interface StoredStep {
  events: NewEvent[];
  patch: Prisma.MigrationUpdateInput;
  effects: InventoryEffect[];
  /** The move ended in this step. */
  done: boolean;
}

/** A line of the move's log; Hyper-V's own events (id > 0) also go to the host's event log. */
export function logEvent(atMs: number, facts: MoveFacts, entry: texts.LogEntry): NewEvent {
  return {
    type: "log",
    atMs,
    ...(entry.eventId > 0 ? { hostId: facts.sourceHostId } : {}),
    data: { ...entry, hostName: facts.sourceHostName },
  };
}

export function statusEvent(status: MigrationStatus, message: string, queuePosition?: number): NewEvent {
  return {
    type: "status",
    atMs: 0,
    data: { status, message, ...(queuePosition !== undefined ? { queuePosition } : {}) },
  };
}

export function doneEvent(
  atMs: number,
  status: StreamPayloads["done"]["status"],
  summary: StreamPayloads["done"]["summary"],
  failure: StreamPayloads["done"]["failure"],
): NewEvent {
  return { type: "done", atMs, data: { status, summary, failure } };
}

function stageEvent(
  atMs: number,
  stage: keyof typeof MIGRATION_STATE,
  phase: "started" | "completed",
): NewEvent {
  return { type: "stage", atMs, data: { stage, phase, migrationState: MIGRATION_STATE[stage] } };
}

/** The engine's events of one step, for one move, as stored events, row changes and effects. */
export function storedStep(facts: MoveFacts, list: readonly RunnerEvent[], now: Date): StoredStep {
  const events: NewEvent[] = [];
  const patch: Prisma.MigrationUpdateInput = {};
  const effects: InventoryEffect[] = [];
  let done = false;
  for (const e of list) {
    switch (e.type) {
      case "stage-started":
        events.push(stageEvent(e.atMs, e.stage, "started"));
        patch.stage = e.stage;
        if (e.stage === "cleanup") {
          // Switchover: the destination runs the VM now, in the same transaction as this row.
          effects.push("switch-over");
          patch.switchedOver = true;
          events.push({
            type: "switchover",
            atMs: e.atMs,
            data: {
              destinationHostId: facts.destinationHostId,
              destinationHostName: facts.destinationHostName,
            },
          });
        }
        break;
      case "stage-completed":
        events.push(stageEvent(e.atMs, e.stage, "completed"));
        break;
      case "pass": {
        const { type: _t, migrationId: _m, ...data } = e;
        events.push({ type: "pass", atMs: e.atMs, data });
        break;
      }
      case "progress": {
        const { type: _t, migrationId: _m, ...data } = e;
        events.push({ type: "progress", atMs: e.atMs, data });
        patch.percent = e.percent;
        break;
      }
      case "blackout-started":
        events.push({
          type: "blackout",
          atMs: e.atMs,
          data: { phase: "started", bytesToSend: e.bytesToSend },
        });
        if (facts.kind === "quick") effects.push("save-for-quick-move");
        break;
      case "blackout-ended":
        events.push({ type: "blackout", atMs: e.atMs, data: { phase: "ended", downtimeMs: e.downtimeMs } });
        break;
      case "share":
        events.push({
          type: "share",
          atMs: e.atMs,
          data: {
            wireBytesPerSecond: e.wireBytesPerSecond,
            cause: e.cause,
            otherMigrationId: e.otherMigrationId === undefined ? null : Number(e.otherMigrationId),
            links: e.links.map((l) => ({
              id: l.id,
              capacityBytesPerSecond: l.capacityBytesPerSecond,
              flows: l.flows.map((f) => ({
                migrationId: Number(f.migrationId),
                wireBytesPerSecond: f.wireBytesPerSecond,
              })),
            })),
          },
        });
        break;
      case "timeline":
        events.push({
          type: "timeline",
          atMs: e.atMs,
          data: {
            speed: e.speed,
            askedSpeed: e.askedSpeed,
            setBy: e.setBy === undefined ? null : Number(e.setBy),
          },
        });
        break;
      case "fault":
        events.push({ type: "fault", atMs: e.atMs, data: { fault: e.fault, effect: e.effect } });
        events.push(logEvent(e.atMs, facts, texts.faultInjected(facts, e.fault)));
        break;
      case "rollback":
        events.push({ type: "rollback", atMs: e.atMs, data: { stage: e.stage, code: e.code } });
        effects.push("restore-after-quick-move");
        break;
      case "done": {
        done = true;
        const s = e.summary;
        if (s.outcome === "succeeded") {
          events.push(logEvent(e.atMs, facts, texts.completed(facts, s.downtimeMs)));
          events.push(doneEvent(e.atMs, "succeeded", s, null));
          Object.assign(patch, { status: "succeeded", percent: 100 });
        } else {
          const code = s.failure?.code ?? "failed";
          const entry = s.outcome === "cancelled" ? texts.cancelled(facts) : texts.failed(facts, code);
          events.push(logEvent(e.atMs, facts, entry));
          events.push(doneEvent(e.atMs, s.outcome, s, { code, message: entry.message }));
          Object.assign(patch, { status: s.outcome, failureCode: code, failureMessage: entry.message });
        }
        Object.assign(patch, { stage: "done", summary: asJson(s), finishedAt: now });
        break;
      }
    }
  }
  return { events, patch, effects, done };
}
