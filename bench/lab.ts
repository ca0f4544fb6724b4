/**
 * Lab benchmark: POST /api/lab/reset's work on the demo scenario (target: median under 200 ms),
 * and one lab-clock advance through a whole 10-pass move (target: under 50 ms), in process on a
 * fresh database. Run alone: npx tsx --conditions=react-server bench/lab.ts
 */
import { benchEntry, runInChild, withBenchDatabase } from "./in-process";

const RESETS = Number(process.env.BENCH_LAB_RESETS ?? 30);
const TARGET_RESET_MS = 200;
const TARGET_ADVANCE_MS = 50;
const ADVANCE_ROUNDS = Number(process.env.BENCH_LAB_ADVANCES ?? 7);

export interface LabBenchResult {
  reset: { runs: number; medianMs: number; p90Ms: number };
  advance: { passes: number; events: number; ms: number; rounds: number };
  meetsReset: boolean;
  meetsAdvance: boolean;
}

async function measure(): Promise<LabBenchResult> {
  return withBenchDatabase("lab", async () => {
    const { db } = await import("../lib/db");
    const { resetLab } = await import("../lib/lab/reset");
    const { controlClock } = await import("../lib/lab/clock-control");
    const { readyMigrations } = await import("../lib/migrations");
    await readyMigrations();

    const times: number[] = [];
    for (let i = 0; i < RESETS + 3; i++) {
      const started = performance.now();
      await resetLab("demo");
      if (i >= 3) times.push(performance.now() - started); // three to warm up
    }
    times.sort((a, b) => a - b);
    const at = (p: number) =>
      times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? Number.NaN;

    // ANALYTICS01 on 1 GbE cannot converge: all ten passes, then the blackout and cleanup. The
    // same advance on a fresh reset each round; the first rounds warm the code up.
    const { service } = await readyMigrations();
    const rounds: number[] = [];
    let passes = 0;
    let events = 0;
    for (let round = 0; round < ADVANCE_ROUNDS + 2; round++) {
      await resetLab("non-convergence", "paused");
      const [vm, hv2] = await Promise.all([
        db.vm.findUniqueOrThrow({ where: { name: "ANALYTICS01" } }),
        db.host.findUniqueOrThrow({ where: { name: "HV2" } }),
      ]);
      const { id } = await service.start({
        vmId: vm.id,
        kind: "live",
        destinationHostId: hv2.id,
        startedFrom: "admin-center",
        seed: 1,
      });
      const started = performance.now();
      await controlClock({ advanceTo: "end", migrationId: id });
      if (round >= 2) rounds.push(performance.now() - started);
      passes = await db.migrationEvent.count({ where: { migrationId: id, type: "pass" } });
      events = await db.migrationEvent.count({ where: { migrationId: id } });
    }
    rounds.sort((a, b) => a - b);
    const ms = rounds[Math.floor(rounds.length / 2)] ?? Number.NaN;
    await db.$disconnect();
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      reset: { runs: times.length, medianMs: round(at(0.5)), p90Ms: round(at(0.9)) },
      advance: { passes, events, ms: round(ms), rounds: rounds.length },
      meetsReset: at(0.5) < TARGET_RESET_MS,
      meetsAdvance: ms < TARGET_ADVANCE_MS,
    };
  });
}

/** Runs the measurement in its own process (its own database), prints and stores the figures. */
export function benchLab(): LabBenchResult {
  const result = runInChild<LabBenchResult>("lab");
  console.log("\nLab benchmark: the control API's reset and clock, in process");
  console.log(
    `  reset to demo: median ${result.reset.medianMs} ms, p90 ${result.reset.p90Ms} ms over ${result.reset.runs} ` +
      `(target median < ${TARGET_RESET_MS} ms) ${result.meetsReset ? "MET" : "MISSED"}`,
  );
  console.log(
    `  advanceTo end through a ${result.advance.passes}-pass move (${result.advance.events} events stored): ` +
      `median ${result.advance.ms} ms over ${result.advance.rounds} (target < ${TARGET_ADVANCE_MS} ms) ` +
      `${result.meetsAdvance ? "MET" : "MISSED"}`,
  );
  return result;
}

benchEntry(import.meta.url, measure, benchLab);
