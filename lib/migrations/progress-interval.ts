// How often a move reports progress: the engine's tick per move, and the runner's coalescing of
// those ticks to a bounded rate as the timeline speeds up. Pure, so it is unit-tested alone.

/** At most this many progress events per second of lab time for one move. */
export const MAX_PROGRESS_PER_SECOND = 10;

/** The engine's tick for a move asked to run at `speed`: every 250 lab ms at most, at least once a simulated second. */
export function baseProgressIntervalMs(speed: number): number {
  return Math.max(1000, 250 * speed);
}

/**
 * Simulated ms between a move's progress events: the tick for its speed, and no more than about
 * 200 over the whole predicted move (whole seconds), so a long move stepped far ahead by the lab
 * clock stores a bounded number of them.
 */
export function progressIntervalFor(predictedTotalMs: number, speed: number): number {
  return Math.max(baseProgressIntervalMs(speed), Math.ceil(predictedTotalMs / 200 / 1000) * 1000);
}

/**
 * Keeps a move's progress events to at most MAX_PROGRESS_PER_SECOND per lab second while the
 * timeline runs `rate` simulated ms per lab ms: a progress event is kept only when it comes at
 * least 1000 / MAX_PROGRESS_PER_SECOND x rate simulated ms after the last one kept; the final one
 * (100 %) always is. Each progress event carries the whole state so far, so the ones dropped take
 * nothing with them. It decides on simulated times alone, in event order, so the same seed and
 * the same clock give the same events however the runner steps.
 */
export class ProgressCoalescer {
  private readonly lastKept = new Map<string, number>();

  constructor(private readonly maxPerSecond = MAX_PROGRESS_PER_SECOND) {}

  /** Whether to keep a progress event of `migrationId` at simulated `atMs` (its own time). */
  keep(migrationId: string, atMs: number, percent: number, rate: number): boolean {
    const last = this.lastKept.get(migrationId);
    const window = (1000 / this.maxPerSecond) * rate;
    if (percent >= 100 || last === undefined || atMs - last >= window) {
      this.lastKept.set(migrationId, atMs);
      return true;
    }
    return false;
  }

  /** The move ended: forget it. */
  forget(migrationId: string): void {
    this.lastKept.delete(migrationId);
  }

  clear(): void {
    this.lastKept.clear();
  }
}
