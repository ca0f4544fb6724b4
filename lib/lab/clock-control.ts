import "server-only";
import { db } from "@/lib/db";
import { readyMigrations } from "@/lib/migrations";
import type { LabClockState } from "@/lib/migrations/clock";
import type { ClockInput, ClockStateDto } from "@/lib/schemas/lab";
import type { MigrationStreamEvent } from "@/lib/schemas/migration";

/** No advance runs past a simulated day: a move that never ends must not hang the request. */
const MAX_ADVANCE_MS = 24 * 3600 * 1000;

export function clockDto(state: LabClockState): ClockStateDto {
  return { ...state, now: new Date(state.nowMs).toISOString(), wallMs: Date.now() };
}

export async function clockState(): Promise<ClockStateDto> {
  const { clock } = await readyMigrations();
  return clockDto(clock.state());
}

export interface ClockReport extends ClockStateDto {
  /** Lab milliseconds the request moved the clock. */
  advancedMs: number;
  /** For advanceTo: whether the pass, switchover or end was reached (false: nothing left to run). */
  reached?: boolean;
}

/**
 * POST /api/lab/clock. An advance (by an interval, or to the next pass, switchover or end) fires
 * exactly the runner's wake-ups of that interval and waits for their events to be stored and
 * published before it answers.
 */
export async function controlClock(input: ClockInput): Promise<ClockReport> {
  const { clock, service, bus } = await readyMigrations();
  const from = clock.now();
  // After each wake-up the runner's steps finish; at the end of an advance every move catches up
  // to the clock's now, so the progress events an advance passed over are stored too.
  const settle = () => service.runner.settled();
  let reached: boolean | undefined;
  if ("mode" in input) {
    if (input.mode === "paused") clock.pause();
    else clock.run(input.speed);
  } else if ("advance" in input) {
    await clock.advance(input.advance, settle);
    await service.runner.catchUpAll();
  } else {
    const target = input.advanceTo;
    const wanted = (e: MigrationStreamEvent) =>
      (input.migrationId === undefined || e.migrationId === input.migrationId) &&
      (target === "next-pass"
        ? e.type === "pass"
        : target === "switchover"
          ? e.type === "switchover"
          : e.type === "done");
    let hit = false;
    const off = bus.subscribeAll((p) => {
      if (wanted(p.event)) hit = true;
    });
    try {
      const limit = from + MAX_ADVANCE_MS;
      // "end" of every move: until nothing is left to run, the queue included.
      const untilIdle = target === "end" && input.migrationId === undefined;
      for (;;) {
        if (hit && !untilIdle) break;
        const next = clock.nextTimerAt();
        if (next === undefined || next > limit) break;
        await clock.advanceTo(next, settle);
      }
      reached = untilIdle
        ? (await db.migration.count({ where: { status: { in: ["queued", "running"] } } })) === 0
        : hit;
    } finally {
      off();
    }
    await service.runner.catchUpAll();
  }
  const state = clock.state();
  return {
    ...clockDto(state),
    advancedMs: state.nowMs - from,
    ...(reached === undefined ? {} : { reached }),
  };
}
