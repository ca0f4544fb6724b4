// Sign-in attempts, limited per account and per address: after FAILURES_ALLOWED failures within
// the window, further attempts wait until the oldest failure leaves it. In memory (one process).

export const FAILURES_ALLOWED = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly allowed = FAILURES_ALLOWED,
    private readonly windowMs = WINDOW_MS,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Milliseconds to wait before another attempt for any of `keys`, or 0. */
  waitMs(keys: readonly string[]): number {
    let wait = 0;
    for (const key of keys) {
      const list = this.recent(key);
      if (list.length >= this.allowed) wait = Math.max(wait, (list[0] ?? 0) + this.windowMs - this.now());
    }
    return wait;
  }

  fail(keys: readonly string[]): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
