import { Simulation } from "@/lib/engine/simulation";
import type { Fault, MigrationInput, SimEvent } from "@/lib/engine/types";
import type { Clock } from "./clock";

/** Receives each step's engine events, in order; the runner waits for it before the next step. */
export type EventSink = (events: SimEvent[]) => Promise<void>;

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Engine times are the lane's; the sink gets them relative to the move's own start. */
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

interface Lane {
  speed: number;
  sim: Simulation;
  wallStart: number;
  simStart: number;
  timer: unknown;
  /** Running moves and the lane time each one started at. */
  ids: Map<string, number>;
  unsent: SimEvent[];
  /** Each running move's link id before any lesson fault renamed it. */
  baseLinks: Map<string, string>;
  /** How many lesson faults hit each link: later moves use `${id}~${n}`. */
  linkGenerations: Map<string, number>;
}

/**
 * Drives the engine in simulated time paced to the wall clock: simulated ms = wall ms x speed.
 * Moves at one speed share a Simulation (a "lane"), so concurrent moves off one host share its
 * NIC as on real hosts. Every step runs on one promise chain, so events are handled in order.
 */
export class MigrationRunner {
  private readonly lanes = new Map<number, Lane>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly sink: EventSink,
  ) {}

  /** Progress every 250 wall ms at most, and at least once a simulated second. */
  static progressIntervalMs(speed: number): number {
    return Math.max(1000, 250 * speed);
  }

  start(id: number, input: MigrationInput, speed: number): Promise<void> {
    return this.enqueue(async () => {
      const lane = this.laneFor(speed);
      // The engine catches up first; the move is added before anything can fail on the store.
      this.catchUp(lane);
      this.lanes.set(speed, lane);
      const key = String(id);
      const base = input.link.id;
      const generation = base === undefined ? 0 : (lane.linkGenerations.get(base) ?? 0);
      const linkId = base !== undefined && generation > 0 ? `${base}~${generation}` : base;
      lane.sim.addMigration(key, { ...input, link: { ...input.link, id: linkId } }, lane.sim.nowMs);
      lane.ids.set(key, lane.sim.nowMs);
      if (base !== undefined) lane.baseLinks.set(key, base);
      this.catchUp(lane); // the start itself: stage-started setup
      await this.flush(lane);
    });
  }

  /** Resolves once the cancel's events (rollback and done, or nothing after switchover) are handled. */
  cancel(id: number): Promise<void> {
    return this.command(id, (lane) => lane.sim.cancel(String(id), lane.sim.nowMs));
  }

  /**
   * A lesson fault hits the move's link now (and the moves sharing it). Moves started later get
   * a fresh link, as if the cable had been plugged back in, instead of failing at once.
   */
  fault(id: number, fault: Fault): Promise<void> {
    return this.command(id, (lane) => {
      lane.sim.injectFault(fault, lane.sim.nowMs);
      if (fault.kind === "destination-out-of-memory") return; // the link is untouched
      const base = lane.baseLinks.get(String(id));
      if (base !== undefined) lane.linkGenerations.set(base, (lane.linkGenerations.get(base) ?? 0) + 1);
    });
  }

  /** Every lane brought to the clock's now (after a lab-clock advance), its events handed over. */
  async catchUpAll(): Promise<void> {
    for (const lane of [...this.lanes.values()]) void this.enqueue(() => this.advance(lane));
    await this.settled();
  }

  isRunning(id: number): boolean {
    return this.laneOf(String(id)) !== undefined;
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
    for (const lane of this.lanes.values()) this.clock.clearTimeout(lane.timer);
    this.lanes.clear();
  }

  private command(id: number, apply: (lane: Lane) => void): Promise<void> {
    return this.enqueue(async () => {
      const lane = this.laneOf(String(id));
      if (!lane) return;
      this.catchUp(lane);
      apply(lane);
      this.catchUp(lane); // the command takes effect now
      await this.flush(lane);
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

  private laneFor(speed: number): Lane {
    let lane = this.lanes.get(speed);
    if (!lane) {
      lane = {
        speed,
        sim: new Simulation({ progressIntervalMs: MigrationRunner.progressIntervalMs(speed) }),
        wallStart: this.clock.now(),
        simStart: 0,
        timer: undefined,
        ids: new Map(),
        unsent: [],
        baseLinks: new Map(),
        linkGenerations: new Map(),
      };
      this.lanes.set(speed, lane);
    }
    return lane;
  }

  private laneOf(id: string): Lane | undefined {
    for (const lane of this.lanes.values()) if (lane.ids.has(id)) return lane;
    return undefined;
  }

  private simNow(lane: Lane): number {
    return Math.max(lane.sim.nowMs, lane.simStart + (this.clock.now() - lane.wallStart) * lane.speed);
  }

  /** Runs the engine up to the wall clock; the events wait in `unsent` for the next flush. */
  private catchUp(lane: Lane): void {
    const fresh = lane.sim
      .advanceTo(this.simNow(lane))
      .map((e) => relative(e, lane.ids.get(e.migrationId) ?? 0));
    for (const e of fresh) {
      if (e.type !== "done") continue;
      lane.ids.delete(e.migrationId);
      lane.baseLinks.delete(e.migrationId);
    }
    lane.unsent.push(...fresh);
  }

  /** Brings the lane to the wall clock, hands over the events, and sets the next wake-up. */
  private async advance(lane: Lane): Promise<void> {
    this.clock.clearTimeout(lane.timer);
    lane.timer = undefined;
    this.catchUp(lane);
    await this.flush(lane);
  }

  /** Hands every unsent event to the sink (kept for a retry if it fails), then sets the wake-up. */
  private async flush(lane: Lane): Promise<void> {
    this.clock.clearTimeout(lane.timer);
    lane.timer = undefined;
    const events = lane.unsent;
    lane.unsent = [];
    try {
      if (events.length) await this.sink(events);
    } catch (error) {
      // Events the sink could not take go first next time: the store never skips one.
      lane.unsent = [...events, ...lane.unsent];
      throw error;
    } finally {
      this.wake(lane);
    }
  }

  private wake(lane: Lane): void {
    const next = lane.sim.nextEventTime({ progress: !this.clock.batching });
    if (lane.unsent.length > 0) {
      // Retry the store soon even if the engine has nothing new.
      lane.timer = this.clock.setTimeout(() => void this.enqueue(() => this.advance(lane)), 250);
      return;
    }
    if (next === undefined || lane.ids.size === 0) {
      if (lane.ids.size === 0) this.lanes.delete(lane.speed);
      return;
    }
    // setTimeout takes at most 2^31-1 ms; a longer wait simply wakes up early and waits again.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, (next - this.simNow(lane)) / lane.speed));
    lane.timer = this.clock.setTimeout(() => {
      lane.timer = undefined;
      void this.enqueue(() => (this.lanes.get(lane.speed) === lane ? this.advance(lane) : Promise.resolve()));
    }, Math.ceil(delay));
  }
}
