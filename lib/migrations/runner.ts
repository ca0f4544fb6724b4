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
      if (lane.ids.size > 0) await this.advance(lane);
      // Advancing may have ended the lane's last move and retired it; this move keeps it.
      this.lanes.set(speed, lane);
      lane.sim.addMigration(String(id), input, lane.sim.nowMs);
      lane.ids.set(String(id), lane.sim.nowMs);
      await this.advance(lane);
    });
  }

  /** Resolves once the cancel's events (rollback and done, or nothing after switchover) are handled. */
  cancel(id: number): Promise<void> {
    return this.command(id, (lane) => lane.sim.cancel(String(id), lane.sim.nowMs));
  }

  fault(id: number, fault: Fault): Promise<void> {
    return this.command(id, (lane) => lane.sim.injectFault(fault, lane.sim.nowMs));
  }

  isRunning(id: number): boolean {
    return this.laneOf(String(id)) !== undefined;
  }

  /** Simulated ms since a running move started. */
  elapsedOf(id: number): number | undefined {
    const lane = this.laneOf(String(id));
    const start = lane?.ids.get(String(id));
    return lane && start !== undefined ? this.simNow(lane) - start : undefined;
  }

  /** Resolves when every step queued so far has been handled. */
  settled(): Promise<void> {
    return this.chain;
  }

  stop(): void {
    for (const lane of this.lanes.values()) this.clock.clearTimeout(lane.timer);
    this.lanes.clear();
  }

  private command(id: number, apply: (lane: Lane) => void): Promise<void> {
    return this.enqueue(async () => {
      const lane = this.laneOf(String(id));
      if (!lane) return;
      await this.advance(lane);
      apply(lane);
      await this.advance(lane);
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

  /** Brings the lane to the wall clock, hands over the events, and sets the next wake-up. */
  private async advance(lane: Lane): Promise<void> {
    this.clock.clearTimeout(lane.timer);
    lane.timer = undefined;
    const fresh = lane.sim
      .advanceTo(this.simNow(lane))
      .map((e) => relative(e, lane.ids.get(e.migrationId) ?? 0));
    for (const e of fresh) if (e.type === "done") lane.ids.delete(e.migrationId);
    // Events the sink could not take last time go first: the store never skips one.
    const events = [...lane.unsent, ...fresh];
    lane.unsent = [];
    try {
      if (events.length) await this.sink(events);
    } catch (error) {
      lane.unsent = events;
      throw error;
    } finally {
      this.wake(lane);
    }
  }

  private wake(lane: Lane): void {
    const next = lane.sim.nextEventTime();
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
