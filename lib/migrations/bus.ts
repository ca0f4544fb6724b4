import "server-only";
import type { MigrationStreamEvent } from "@/lib/schemas/migration";

/** A stored event as it is published: `id` is its global MigrationEvent id (for /api/events). */
export interface Published {
  id: number;
  event: MigrationStreamEvent;
  /** The SSE frame for /api/migrations/:id/events, encoded once for every subscriber. */
  frame: string;
}

export type Listener = (published: Published) => void;

/**
 * One migration's events from one publish, in order, with what every subscriber needs worked out
 * once for all of them: the frames joined, the first and last seq, and whether the move ended.
 * A publish reaches hundreds of subscribers; each should only compare two numbers and write.
 */
export interface PublishedBatch {
  readonly events: readonly Published[];
  readonly frames: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** The batch holds the move's `done`: the stream ends after it. */
  readonly done: boolean;
}

function batchOf(events: readonly Published[]): PublishedBatch {
  let frames = "";
  let done = false;
  for (const p of events) {
    frames += p.frame;
    if (p.event.type === "done") done = true;
  }
  return {
    events,
    frames,
    firstSeq: events[0]?.event.seq ?? 0,
    lastSeq: events[events.length - 1]?.event.seq ?? 0,
    done,
  };
}

export type BatchListener = (batch: PublishedBatch) => void;

/**
 * In-process pub/sub. Events are published only after they are stored, so a subscriber that
 * subscribes first and then reads the store misses nothing (and drops what it already read).
 */
export class MigrationBus {
  private readonly byMigration = new Map<number, Set<BatchListener>>();
  private readonly everything = new Set<Listener>();
  private readonly resetListeners = new Set<(scenario: string) => void>();

  /**
   * One migration's events, a publish's worth at a time: a stream writes each batch to its client
   * as one chunk, however many events a runner step stored.
   */
  subscribe(migrationId: number, listener: BatchListener): () => void {
    let set = this.byMigration.get(migrationId);
    if (!set) {
      set = new Set();
      this.byMigration.set(migrationId, set);
    }
    set.add(listener);
    return () => {
      const current = this.byMigration.get(migrationId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.byMigration.delete(migrationId);
    };
  }

  subscribeAll(listener: Listener): () => void {
    this.everything.add(listener);
    return () => {
      this.everything.delete(listener);
    };
  }

  /** Stored events, in the order they were stored (a step's events together). */
  publish(published: Published | readonly Published[]): void {
    const list: readonly Published[] = isList(published) ? published : [published];
    if (list.length === 0) return;
    if (this.byMigration.size > 0) {
      const byMigration = new Map<number, Published[]>();
      for (const p of list) {
        if (!this.byMigration.has(p.event.migrationId)) continue;
        const events = byMigration.get(p.event.migrationId);
        if (events) events.push(p);
        else byMigration.set(p.event.migrationId, [p]);
      }
      for (const [migrationId, events] of byMigration) {
        const batch = batchOf(events);
        const listeners = this.byMigration.get(migrationId);
        if (listeners) for (const listener of listeners) deliver(listener, batch);
      }
    }
    for (const p of list) for (const listener of this.everything) deliver(listener, p);
  }

  /** The estate was replaced (POST /api/lab/reset): every migration before it is gone. */
  onReset(listener: (scenario: string) => void): () => void {
    this.resetListeners.add(listener);
    return () => {
      this.resetListeners.delete(listener);
    };
  }

  reset(scenario: string): void {
    for (const listener of [...this.resetListeners]) {
      try {
        listener(scenario);
      } catch (error) {
        console.error("migration bus reset listener failed", error);
      }
    }
  }

  /** Subscribers now, for tests and the bench (a released stream must leave none behind). */
  get listenerCount(): number {
    let n = this.everything.size + this.resetListeners.size;
    for (const set of this.byMigration.values()) n += set.size;
    return n;
  }
}

function deliver<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch (error) {
    // One broken subscriber must not stop the others or the runner.
    console.error("migration bus listener failed", error);
  }
}

function isList(published: Published | readonly Published[]): published is readonly Published[] {
  return Array.isArray(published);
}
