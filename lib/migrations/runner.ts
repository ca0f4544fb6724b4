import { Simulation } from "@/lib/engine/simulation";
import type { Fault, MigrationInput, SimEvent } from "@/lib/engine/types";
import type { Clock } from "./clock";
import { baseProgressIntervalMs, ProgressCoalescer } from "./progress-interval";

/**
 * The pace of the lab's one timeline changed, or a move joined it: every running move is told
 * which rate it runs at now (simulated ms per clock ms), the speed it asked for, and which move's
 * ask sets the rate when that is another one.
 */
export interface TimelineEvent {
  type: "timeline";
  migrationId: string;
  atMs: number;
  speed: number;
  askedSpeed: number;
  /** The move whose speed the timeline runs at, when it is not this one. */
  setBy?: string;
}

export type RunnerEvent = SimEvent | TimelineEvent;

/** Receives each step's events, in order; the runner waits for it before the next step. */
export type EventSink = (events: RunnerEvent[]) => Promise<void>;

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Engine times are the timeline's; the sink gets them relative to the move's own start. */
function relative(event: SimEvent, startMs: number): SimEvent {
  if (startMs === 0) return event;
  const shifted = { ...event, atMs: event.atMs - startMs };
  if (shifted.type === "fault" && shifted.effect.kind === "link-slowed") {
    const p = shifted.effect.prediction;
    shifted.effect = {
      ...shifted.effect,
      prediction: { ...p, passList: p.passList.map((r) => ({ ...r, startMs: r.startMs - startMs })) },
    };
  }
  if (shifted.type === "done") {
    const s = shifted.summary;
    shifted.summary = {
      ...s,
      startMs: s.startMs - startMs,
      endMs: s.endMs - startMs,
      passList: s.passList.map((p) => ({ ...p, startMs: p.startMs - startMs })),
    };
  }
  return shifted;
}

interface Move {
  /** Timeline time the move started at. */
  startMs: number;
  /** The speed it asked for. */
  speed: number;
  /** Its link id before any lesson fault renamed it. */
  baseLink?: string;
}

/**
 * Drives the engine in simulated time paced to the clock. Every move runs in one Simulation, on
 * one timeline, so moves that leave or enter through the same NICs (or copy through the same
 * disks) share them max-min whatever speed each was started at. The timeline runs at the highest
 * speed any running move asked (simulated ms per clock ms); when that changes, at a move's start
 * or end, every running move gets a `timeline` event. Every step runs on one promise chain, so
 * events are handled in order.
 */
export class MigrationRunner {
  private sim: Simulation | undefined;
  private readonly moves = new Map<string, Move>();
  /** The timeline's pace since (anchorClock, anchorSim). */
  private rate = 1;
  private anchorClock = 0;
  private anchorSim = 0;
  private timer: unknown;
  private unsent: RunnerEvent[] = [];
  /** How many lesson faults hit each link: later moves use `${id}~${n}`. */
  private readonly linkGenerations = new Map<string, number>();
  /** At most about 10 progress events a lab second per move, however fast the timeline runs. */
  private readonly progress = new ProgressCoalescer();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly sink: EventSink,
  ) {}

  /** Progress every 250 wall ms at most, and at least once a simulated second. */
  static progressIntervalMs(speed: number): number {
    return baseProgressIntervalMs(speed);
  }

  /** The timeline's pace now (simulated ms per clock ms). */
  get speed(): number {
    return this.rate;
  }

  start(id: number, input: MigrationInput, speed: number): Promise<void> {
    return this.enqueue(async () => {
      const sim = this.timeline();
      // The engine catches up first; the move is added before anything can fail on the store.
      this.catchUp();
      const key = String(id);
      const base = input.link.id;
      const generation = base === undefined ? 0 : (this.linkGenerations.get(base) ?? 0);
      const linkId = base !== undefined && generation > 0 ? `${base}~${generation}` : base;
      sim.addMigration(key, { ...input, link: { ...input.link, id: linkId } }, sim.nowMs);
      this.moves.set(key, { startMs: sim.nowMs, speed, ...(base !== undefined ? { baseLink: base } : {}) });
      this.repace(key);
      this.catchUp(); // the start itself: stage-started setup
      await this.flush();
    });
  }

  /** Resolves once the cancel's events (rollback and done, or nothing after switchover) are handled. */
  cancel(id: number): Promise<void> {
    return this.command(id, (sim) => sim.cancel(String(id), sim.nowMs));
  }

  /**
   * A lesson fault hits the move's link now (and the moves sharing it). Moves started later get
   * a fresh link, as if the cable had been plugged back in, instead of failing at once.
   */
  fault(id: number, fault: Fault): Promise<void> {
    return this.command(id, (sim) => {
      sim.injectFault(fault, sim.nowMs);
      if (fault.kind === "destination-out-of-memory") return; // the link is untouched
      const base = this.moves.get(String(id))?.baseLink;
      if (base !== undefined) this.linkGenerations.set(base, (this.linkGenerations.get(base) ?? 0) + 1);
    });
  }

  /** The timeline brought to the clock's now (after a lab-clock advance), its events handed over. */
  async catchUpAll(): Promise<void> {
    if (this.sim) void this.enqueue(() => this.advance());
    await this.settled();
  }

  isRunning(id: number): boolean {
    return this.moves.has(String(id));
  }

  /** Resolves when every step queued so far has been handled. */
  async settled(): Promise<void> {
    // Steps may queue more steps (a cancel for a vanished move, a start from the queue).
    for (let chain = this.chain; ; chain = this.chain) {
      await chain;
      if (chain === this.chain) return;
    }
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.sim = undefined;
    this.moves.clear();
    this.unsent = [];
    this.linkGenerations.clear();
    this.progress.clear();
  }

  private command(id: number, apply: (sim: Simulation) => void): Promise<void> {
    return this.enqueue(async () => {
      const sim = this.sim;
      if (!sim || !this.moves.has(String(id))) return;
      this.catchUp();
      apply(sim);
      this.catchUp(); // the command takes effect now
      await this.flush();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step);
    // A failed step (say the database was busy) is reported and the runner goes on.
    this.chain = run.catch((error: unknown) => {
      console.error("migration runner step failed", error);
    });
    return run;
  }

  private timeline(): Simulation {
    if (!this.sim) {
      this.sim = new Simulation({ progressIntervalMs: MigrationRunner.progressIntervalMs(1) });
      this.rate = 1;
      this.anchorClock = this.clock.now();
      this.anchorSim = 0;
    }
    return this.sim;
  }

  /** Where the timeline stands by the clock (never behind the engine). */
  private simNow(): number {
    const sim = this.sim;
    if (!sim) return 0;
    return Math.max(sim.nowMs, this.anchorSim + (this.clock.now() - this.anchorClock) * this.rate);
  }

  /**
   * The timeline's pace from the engine's now on: the highest speed a running move asked. Told to
   * every running move when it changes, and to `joined` (a move just added) in any case.
   */
  private repace(joined?: string): void {
    const sim = this.sim;
    if (!sim) return;
    let rate = 0;
    let setBy: string | undefined;
    for (const [id, move] of this.moves) {
      if (move.speed > rate) [rate, setBy] = [move.speed, id];
    }
    if (rate === 0) return; // nothing runs: the pace is set again by the next start
    const changed = rate !== this.rate;
    if (changed) {
      // The clock instant the engine's now maps to at the old pace: the new pace starts there.
      this.anchorClock += (sim.nowMs - this.anchorSim) / this.rate;
      this.anchorSim = sim.nowMs;
      this.rate = rate;
    }
    for (const [id, move] of this.moves) {
      if (!changed && id !== joined) continue;
      this.unsent.push({
        type: "timeline",
        migrationId: id,
        atMs: sim.nowMs - move.startMs,
        speed: rate,
        askedSpeed: move.speed,
        ...(setBy !== id && setBy !== undefined ? { setBy } : {}),
      });
    }
  }

  /**
   * Runs the engine up to the clock; the events wait in `unsent` for the next flush. It stops at
   * each instant a move ends, since the pace may change from there.
   */
  private catchUp(): void {
    const sim = this.sim;
    if (!sim) return;
    for (;;) {
      const target = this.simNow();
      const fresh = sim.advanceTo(target, { untilDone: true });
      let ended = false;
      for (const e of fresh) {
        const event = relative(e, this.moves.get(e.migrationId)?.startMs ?? 0);
        if (
          event.type === "progress" &&
          !this.progress.keep(e.migrationId, event.atMs, event.percent, this.rate)
        ) {
          continue;
        }
        this.unsent.push(event);
        if (e.type === "done") {
          this.moves.delete(e.migrationId);
          this.progress.forget(e.migrationId);
          ended = true;
        }
      }
      if (ended) this.repace();
      if (sim.nowMs >= target) return;
    }
  }

  /** Brings the timeline to the clock, hands over the events, and sets the next wake-up. */
  private async advance(): Promise<void> {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.catchUp();
    await this.flush();
  }

  /** Hands every unsent event to the sink (kept for a retry if it fails), then sets the wake-up. */
  private async flush(): Promise<void> {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.unsent;
    this.unsent = [];
    try {
      if (events.length) await this.sink(events);
    } catch (error) {
      // Events the sink could not take go first next time: the store never skips one.
      this.unsent = [...events, ...this.unsent];
      throw error;
    } finally {
      this.wake();
    }
  }

  private wake(): void {
    const sim = this.sim;
    if (!sim) return;
    if (this.unsent.length > 0) {
      // Retry the store soon even if the engine has nothing new.
      this.timer = this.clock.setTimeout(() => void this.enqueue(() => this.advance()), 250);
      return;
    }
    if (this.moves.size === 0) {
      // Nothing runs: the next start begins a fresh timeline (the engine forgets the ended moves).
      this.sim = undefined;
      return;
    }
    const next = sim.nextEventTime({ progress: !this.clock.batching });
    if (next === undefined) return;
    // setTimeout takes at most 2^31-1 ms; a longer wait simply wakes up early and waits again.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, (next - this.simNow()) / this.rate));
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(() => (this.sim === sim ? this.advance() : Promise.resolve()));
    }, Math.ceil(delay));
  }
}
