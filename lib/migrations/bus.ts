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
 * In-process pub/sub. Events are published only after they are stored, so a subscriber that
 * subscribes first and then reads the store misses nothing (and drops what it already read).
 */
export class MigrationBus {
  private readonly byMigration = new Map<number, Set<Listener>>();
  private readonly everything = new Set<Listener>();
  private readonly resetListeners = new Set<(scenario: string) => void>();

  subscribe(migrationId: number, listener: Listener): () => void {
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

  publish(published: Published): void {
    for (const listener of this.byMigration.get(published.event.migrationId) ?? [])
      this.deliver(listener, published);
    for (const listener of this.everything) this.deliver(listener, published);
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

  private deliver(listener: Listener, published: Published): void {
    try {
      listener(published);
    } catch (error) {
      // One broken subscriber must not stop the others or the runner.
      console.error("migration bus listener failed", error);
    }
  }
}
