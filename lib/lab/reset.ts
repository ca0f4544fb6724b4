import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, withWriteLock } from "@/lib/db";
import { ValidationError } from "@/lib/http/errors";
import { labClockStart, readyMigrations } from "@/lib/migrations";
import { writeEstate } from "@/prisma/write-estate";
import { labNow } from "./now";
import { SCENARIO_NAMES, scenarioNamed } from "./scenarios";

export interface ResetResult {
  scenario: string;
  /** Moves that were running or queued, ended by the reset (the estate that had them is gone). */
  endedMoves: number;
  /** Moves the scenario started. */
  startedMoves: number[];
  ms: number;
}

/**
 * Replaces the estate with a scenario in the running server. The runner stops first, so no move
 * is half switched over; the inventory, the moves and their events are then replaced in one
 * transaction (a VM is on exactly one host before and after); open pages are told, and the
 * scenario's own moves start. The lab clock runs free again. Users, sessions and the audit log stay;
 * a guided-lab run in progress ends (its answers stay in its history).
 */
export async function resetLab(
  name: string,
  clockMode: "running" | "paused" = "running",
  /** Writes that land in the same transaction as the new estate (the guided lab's new run). */
  also: () => Prisma.PrismaPromise<unknown>[] = () => [],
): Promise<ResetResult> {
  const scenario = scenarioNamed(name);
  if (!scenario) {
    throw new ValidationError(`There is no scenario named '${name}'.`, [
      { path: "scenario", message: `Use one of: ${SCENARIO_NAMES.join(", ")}.` },
    ]);
  }
  const started = performance.now();
  const { service, bus, clock } = await readyMigrations();
  await service.halt();
  // The clock is part of the lab's state: back to LAB_CLOCK_START when one is set (so a reset gives
  // the same times on every run), running free, or held where a suite asked for it.
  clock.restart(clockMode, process.env.LAB_CLOCK_START ? labClockStart() : undefined);
  const endedMoves = await withWriteLock(async () => {
    const active = await db.migration.count({ where: { status: { in: ["queued", "running"] } } });
    // The estate a lesson run was checking is gone: the run ends (a lesson's own start adds its new run).
    const endRuns = db.labRun.updateMany({ where: { endedAt: null }, data: { endedAt: labNow() } });
    await writeEstate(db, scenario.build(), [endRuns, ...also()]);
    // Moves and their events number from 1 again, so the same calls after a reset give the same
    // ids, and the same stream byte for byte. (A stream resumed from before the reset starts afresh.)
    await db.$executeRawUnsafe(`DELETE FROM sqlite_sequence WHERE name IN ('Migration', 'MigrationEvent')`);
    return active;
  });
  bus.reset(scenario.name);
  const startedMoves: number[] = [];
  for (const move of scenario.moves ?? []) {
    const [vm, host] = await Promise.all([
      db.vm.findUniqueOrThrow({ where: { name: move.vm }, select: { id: true } }),
      db.host.findUniqueOrThrow({ where: { name: move.to }, select: { id: true } }),
    ]);
    const { id } = await service.start({
      vmId: vm.id,
      kind: move.kind,
      destinationHostId: host.id,
      startedFrom: move.startedFrom,
    });
    startedMoves.push(id);
  }
  return { scenario: scenario.name, endedMoves, startedMoves, ms: Math.round(performance.now() - started) };
}
