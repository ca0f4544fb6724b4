import { Simulation } from "./simulation";
import type { MigrationInput, MigrationSummary, Prediction, SimEvent, SimulationOptions } from "./types";

export interface RunResult {
  summary: MigrationSummary;
  events: SimEvent[];
}

export interface ManyResult {
  /** In input order. */
  summaries: MigrationSummary[];
  events: SimEvent[];
}

/** Migration ids used by simulateMany and drain: m1, m2, ... in input order. */
export const migrationId = (index: number): string => `m${index + 1}`;

function summaryOf(sim: Simulation, id: string): MigrationSummary {
  const summary = sim.summary(id);
  if (!summary) throw new Error(`migration ${id} did not finish`);
  return summary;
}

/** Runs one migration alone to completion. */
export function simulate(input: MigrationInput, options: SimulationOptions = {}): RunResult {
  const sim = new Simulation(options);
  sim.addMigration("m1", input, input.startMs ?? 0);
  const events = sim.runToEnd();
  return { summary: summaryOf(sim, "m1"), events };
}

/** Runs several migrations at once (each from its startMs); links with one id are shared. */
export function simulateMany(inputs: readonly MigrationInput[], options: SimulationOptions = {}): ManyResult {
  const sim = new Simulation(options);
  inputs.forEach((input, i) => {
    sim.addMigration(migrationId(i), input, input.startMs ?? 0);
  });
  const events = sim.runToEnd();
  return { summaries: inputs.map((_, i) => summaryOf(sim, migrationId(i))), events };
}

/**
 * A queue with `concurrency` migrations at a time (Hyper-V's "Simultaneous live migrations",
 * default 2): each one that ends starts the next, FIFO. Models a node drain.
 */
export function drain(
  inputs: readonly MigrationInput[],
  concurrency: number,
  options: SimulationOptions & { collectEvents?: boolean } = {},
): ManyResult & { endMs: number } {
  const sim = new Simulation(options);
  const events: SimEvent[] = [];
  let next = 0;
  const startNext = (atMs: number) => {
    const input = inputs[next];
    if (input === undefined) return;
    sim.addMigration(migrationId(next), input, atMs);
    next += 1;
  };
  for (let i = 0; i < Math.max(1, concurrency); i++) startNext(0);
  let endMs = 0;
  for (let t = sim.nextEventTime(); t !== undefined; t = sim.nextEventTime()) {
    for (const e of sim.advanceTo(t)) {
      if (options.collectEvents !== false) events.push(e);
      if (e.type === "done") {
        endMs = Math.max(endMs, e.atMs);
        startNext(e.atMs);
      }
    }
  }
  return { summaries: inputs.map((_, i) => summaryOf(sim, migrationId(i))), events, endMs };
}

/** The same model without noise, alone on its link: what the wizard shows before a move. */
export function predict(input: MigrationInput): Prediction {
  const { summary } = simulate({ ...input, noise: 0, startMs: 0 }, { progress: false });
  return {
    totalMs: summary.totalMs,
    downtimeMs: summary.downtimeMs,
    passes: summary.passes,
    converged: summary.converged,
    stoppedAtCap: summary.stoppedAtCap,
    bytesSent: summary.bytesSent,
    wireBytes: summary.wireBytes,
    reason: summary.reason,
    passList: summary.passList,
    ...(summary.storage ? { storage: summary.storage } : {}),
  };
}

export interface ClosedFormInput {
  memoryBytes: number;
  bytesPerSecond: number;
  dirtyBytesPerSecond: number;
  stopBelowBytes: number;
  maxPasses: number;
}

export interface ClosedFormResult {
  passes: number;
  converged: boolean;
  passBytes: number[];
  precopyMs: number;
  downtimeMs: number;
  totalMs: number;
  bytesSent: number;
}

/**
 * Akoush et al. 2010 / Liu et al. 2011: with lambda = D/R < 1, pass i sends M*lambda^(i-1) and n
 * passes take (M/R)(1-lambda^n)/(1-lambda). With lambda >= 1 every pass resends all memory.
 */
export function closedForm(c: ClosedFormInput): ClosedFormResult {
  const M = c.memoryBytes;
  const R = c.bytesPerSecond;
  const lambda = c.dirtyBytesPerSecond / R;
  const passBytes: number[] = [];
  if (lambda >= 1) {
    for (let i = 0; i < c.maxPasses; i++) passBytes.push(M);
    const converged = M <= c.stopBelowBytes;
    const n = converged ? 1 : c.maxPasses;
    passBytes.length = n;
    const precopyMs = ((n * M) / R) * 1000;
    const downtimeMs = (M / R) * 1000;
    return {
      passes: n,
      converged,
      passBytes,
      precopyMs,
      downtimeMs,
      totalMs: precopyMs + downtimeMs,
      bytesSent: (n + 1) * M,
    };
  }
  let n = 1;
  while (M * lambda ** n > c.stopBelowBytes && n < c.maxPasses) n += 1;
  for (let i = 0; i < n; i++) passBytes.push(M * lambda ** i);
  const left = M * lambda ** n;
  const precopyMs = (M / R) * ((1 - lambda ** n) / (1 - lambda)) * 1000;
  const downtimeMs = (left / R) * 1000;
  return {
    passes: n,
    converged: left <= c.stopBelowBytes,
    passBytes,
    precopyMs,
    downtimeMs,
    totalMs: precopyMs + downtimeMs,
    bytesSent: (M * (1 - lambda ** (n + 1))) / (1 - lambda),
  };
}

export interface ClosedFormCopyInput {
  storageBytes: number;
  /** The copy's path (link, or disks), bytes per second, as the copy alone gets it. */
  bytesPerSecond: number;
  writeBytesPerSecond: number;
}

/**
 * The disk copy alone on its path: the mirrored writes take W (at most half of the path, since the
 * guest's writes wait for both copies), the copy the rest, so it takes B / (R - min(W, R/2)).
 */
export function closedFormCopy(c: ClosedFormCopyInput): { copyMs: number; mirroredBytes: number } {
  const mirror = Math.min(c.writeBytesPerSecond, c.bytesPerSecond / 2);
  const seconds = c.storageBytes / (c.bytesPerSecond - mirror);
  return { copyMs: seconds * 1000, mirroredBytes: mirror * seconds };
}
