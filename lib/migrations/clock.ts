/** Wall clock and timers for the runner; tests pass a FakeClock and move time by hand. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** True while the clock jumps ahead (a lab-clock advance): wake-ups for progress alone can wait. */
  readonly batching?: boolean;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // The runner's wake-ups must not keep a test process or a stopping server alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Timer {
  at: number;
  order: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private t: number;
  private order = 0;
  private readonly timers = new Set<Timer>();

  constructor(startMs = 1_800_000_000_000) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { at: this.t + Math.max(0, ms), order: this.order++, fn };
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as Timer);
  }

  /** Timers due by now + ms fire in time order, the clock standing at each one's time. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.timers) {
        if (
          timer.at <= end &&
          (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order))
        ) {
          next = timer;
        }
      }
      if (!next) break;
      this.timers.delete(next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }

  get pending(): number {
    return this.timers.size;
  }
}

export type LabClockMode = "running" | "paused";

export interface LabClockState {
  mode: LabClockMode;
  /** Lab milliseconds per wall millisecond while running. */
  rate: number;
  /** The lab's time now (epoch ms); every timestamp the lab writes comes from it. */
  nowMs: number;
  /** Set once a suite has paused, advanced or set the clock: moves without a speed then run at 1x. */
  controlled: boolean;
}

interface LabTimer {
  at: number;
  order: number;
  fn: () => void;
  handle: unknown;
}

/**
 * The lab's one clock: the runner and the service read time and set their timers through it. It
 * runs at a rate over the wall clock, or stands still; an advance fires, in time order and with
 * the clock standing at each one's time, the timers due in the interval, letting `settle` (the
 * runner's pending steps) finish after each, so exactly that interval's events are stored.
 */
export class LabClock implements Clock {
  private mode: LabClockMode = "running";
  private rate = 1;
  private anchorWall: number;
  private anchorLab: number;
  private order = 0;
  private controlledFlag = false;
  private advancing = false;
  private readonly timers = new Set<LabTimer>();
  private readonly listeners = new Set<(state: LabClockState) => void>();

  constructor(
    private readonly wall: Clock = systemClock,
    startMs: number = wall.now(),
  ) {
    this.anchorWall = wall.now();
    this.anchorLab = startMs;
  }

  now(): number {
    return this.mode === "paused"
      ? this.anchorLab
      : this.anchorLab + (this.wall.now() - this.anchorWall) * this.rate;
  }

  get batching(): boolean {
    return this.advancing;
  }

  state(): LabClockState {
    return { mode: this.mode, rate: this.rate, nowMs: this.now(), controlled: this.controlledFlag };
  }

  /** Told after every change of mode, rate or time made through the control API. */
  onChange(listener: (state: LabClockState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer: LabTimer = { at: this.now() + Math.max(0, ms), order: this.order++, fn, handle: undefined };
    this.timers.add(timer);
    this.arm(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    const timer = handle as LabTimer | undefined;
    if (!timer || !this.timers.delete(timer)) return;
    this.wall.clearTimeout(timer.handle);
  }

  pause(): void {
    this.anchor();
    this.mode = "paused";
    this.controlledFlag = true;
    for (const timer of this.timers) this.disarm(timer);
    this.changed();
  }

  run(rate: number): void {
    this.anchor();
    this.mode = "running";
    this.rate = rate;
    this.controlledFlag = true;
    for (const timer of this.timers) {
      this.disarm(timer);
      this.arm(timer);
    }
    this.changed();
  }

  /**
   * Back to how a server starts: at `startMs` (or on from where it stands), no suite holding it,
   * running at the wall clock's pace or standing still.
   */
  restart(mode: LabClockMode, startMs?: number): void {
    if (startMs !== undefined) {
      this.anchorLab = startMs;
      this.anchorWall = this.wall.now();
    }
    if (mode === "paused") this.pause();
    else this.run(1);
    this.controlledFlag = mode === "paused";
    this.changed();
  }

  /** The first pending timer due by `until`, the clock standing still meanwhile. */
  private nextDue(until: number): LabTimer | undefined {
    let next: LabTimer | undefined;
    for (const t of this.timers) {
      if (t.at <= until && (!next || t.at < next.at || (t.at === next.at && t.order < next.order))) next = t;
    }
    return next;
  }

  /**
   * Moves lab time forward by `ms` (in either mode; a running clock goes on from there), firing
   * what falls due in order. `settle` runs after each firing, so a timer the fired work sets
   * inside the interval fires too.
   */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    await this.advanceTo(this.now() + Math.max(0, ms), settle);
  }

  async advanceTo(target: number, settle: () => Promise<void>): Promise<void> {
    this.controlledFlag = true;
    const wasRunning = this.mode === "running";
    this.pauseQuietly();
    this.advancing = true;
    try {
      for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
        this.timers.delete(next);
        this.anchorLab = Math.max(this.anchorLab, next.at);
        next.fn();
        await settle();
      }
      this.anchorLab = Math.max(this.anchorLab, target);
    } finally {
      this.advancing = false;
    }
    await settle();
    if (wasRunning) {
      this.anchorWall = this.wall.now();
      this.mode = "running";
      for (const timer of this.timers) this.arm(timer);
    }
    this.changed();
  }

  /** When the next pending timer falls due (lab ms), or undefined when none is set. */
  nextTimerAt(): number | undefined {
    let at: number | undefined;
    for (const t of this.timers) if (at === undefined || t.at < at) at = t.at;
    return at;
  }

  private pauseQuietly(): void {
    this.anchor();
    this.mode = "paused";
    for (const timer of this.timers) this.disarm(timer);
  }

  private anchor(): void {
    this.anchorLab = this.now();
    this.anchorWall = this.wall.now();
  }

  private arm(timer: LabTimer): void {
    if (this.mode !== "running") return;
    const wallMs = Math.max(0, (timer.at - this.now()) / this.rate);
    timer.handle = this.wall.setTimeout(
      () => {
        if (!this.timers.delete(timer)) return;
        timer.fn();
      },
      Math.min(2 ** 31 - 1, Math.ceil(wallMs)),
    );
  }

  private disarm(timer: LabTimer): void {
    this.wall.clearTimeout(timer.handle);
    timer.handle = undefined;
  }

  private changed(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}
