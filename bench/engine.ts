/**
 * Engine benchmark: a 64 GiB VM with 10 passes, a drain of 1,000 VMs two at a time over
 * one 10 GbE link, and the ratio to the closed form for the same inputs. Run: npx tsx bench/engine.ts
 */
import { pathToFileURL } from "node:url";
import { closedForm, drain, type MigrationInput, simulate } from "../lib/engine";
import { GBE_10, GiB, MiB } from "../lib/engine/testkit";
import { TCPIP_EFFICIENCY } from "../lib/engine/transport";

const BIG: MigrationInput = {
  memoryBytes: 64 * GiB,
  pageBytes: 4096,
  dirty: { model: "linear", bytesPerSecond: 1e9 },
  link: { bytesPerSecond: GBE_10 },
  transport: "tcpip",
  noise: 0.03,
  seed: 1,
};

const DRAIN_VM: MigrationInput = {
  memoryBytes: 4 * GiB,
  pageBytes: 4096,
  dirty: { model: "hotset", hotSetBytes: 512 * MiB, writesPerSecond: 40_000, coldBytesPerSecond: 5e6 },
  link: { bytesPerSecond: GBE_10, id: "lm" },
  transport: "tcpip",
  noise: 0.03,
  seed: 1,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median wall time of `fn` in ms, after a warm-up. */
function time(fn: () => void, runs: number, warmup = Math.min(runs, 20)): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Median per call of a very fast function: timed in batches, since one call is below the clock's grain. */
function timePerCall(fn: () => void, batch: number, runs = 15): number {
  return (
    time(
      () => {
        for (let i = 0; i < batch; i++) fn();
      },
      runs,
      3,
    ) / batch
  );
}

export async function benchEngine(): Promise<Record<string, number | string>> {
  const bigRun = simulate(BIG);
  const passes = bigRun.summary.passes;
  const events = bigRun.events.length;
  const bigMs = time(() => simulate(BIG), 300);
  const bigQuietMs = time(() => simulate(BIG, { progress: false }), 300);
  const closed = {
    memoryBytes: BIG.memoryBytes,
    bytesPerSecond: BIG.link.bytesPerSecond * TCPIP_EFFICIENCY,
    dirtyBytesPerSecond: 1e9,
    stopBelowBytes: 40_265_318,
    maxPasses: 10,
  };
  let sink = 0;
  const closedMs = timePerCall(() => {
    sink += closedForm(closed).totalMs;
  }, 20_000);

  const vms = Array.from({ length: 1000 }, (_, i) => ({ ...DRAIN_VM, seed: i }));
  const drainRun = drain(vms, 2);
  const drainMs = time(() => drain(vms, 2), 9, 2);
  const drainQuietMs = time(() => drain(vms, 2, { progress: false, collectEvents: false }), 9, 2);
  const drainClosedMs = timePerCall(() => {
    for (let i = 0; i < 1000; i++)
      sink += closedForm({
        ...closed,
        memoryBytes: 4 * GiB,
        bytesPerSecond: closed.bytesPerSecond / 2,
      }).totalMs;
  }, 20);
  if (Number.isNaN(sink)) throw new Error("unreachable");

  const figures: Record<string, number | string> = {
    "engine.vm64g.passes": passes,
    "engine.vm64g.events": events,
    "engine.vm64g.medianMs": round(bigMs),
    "engine.vm64g.noProgress.medianMs": round(bigQuietMs),
    "engine.vm64g.targetMs": 0.5,
    "engine.vm64g.closedForm.medianMs": round(closedMs),
    "engine.vm64g.ratioToClosedForm": round(bigMs / closedMs, 1),
    "engine.drain1000.medianMs": round(drainMs),
    "engine.drain1000.noEvents.medianMs": round(drainQuietMs),
    "engine.drain1000.targetMs": 100,
    "engine.drain1000.events": drainRun.events.length,
    "engine.drain1000.simulatedHours": round(drainRun.endMs / 3_600_000, 2),
    "engine.drain1000.closedForm.medianMs": round(drainClosedMs),
    "engine.drain1000.ratioToClosedForm": round(drainMs / drainClosedMs, 1),
    "engine.verdict":
      bigMs < 0.5 && drainMs < 100
        ? "ok"
        : `SLOW (${bigMs < 0.5 ? "" : "64 GiB VM "}${drainMs < 100 ? "" : "drain"})`,
  };
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(40)} ${value}`);
  return figures;
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchEngine();
}
