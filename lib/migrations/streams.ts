import "server-only";
import { BadRequestError } from "@/lib/http/errors";
import type { SseChannel } from "@/lib/http/sse";
import { sseMessage } from "@/lib/http/sse";
import type { MigrationDto, NotificationEvent, StreamEventType } from "@/lib/schemas/migration";
import { ACTIVE_STATUSES } from "@/lib/schemas/migration";
import type { MigrationBus, Published, PublishedBatch } from "./bus";
import type { LabClock } from "./clock";
import { SharedReads } from "./shared-read";
import {
  eventsAfter,
  getMigrationDetail,
  getMigrationDto,
  globalEventsAfter,
  latestEventId,
  listMigrations,
  sseFrame,
} from "./store";

/** A Last-Event-ID must be a whole number; 400 otherwise (before any stream opens). */
export function parseLastEventId(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^(0|[1-9][0-9]{0,14})$/.test(raw)) {
    throw new BadRequestError("Last-Event-ID must be the id of an event received earlier (a whole number).", {
      lastEventId: raw,
    });
  }
  return Number(raw);
}

/**
 * Reads that streams opening at the same moment share (lib/migrations/shared-read.ts): the row
 * that checks a request, and a move's snapshot with its frame, encoded once for all of them.
 */
const rows = new SharedReads(getMigrationDto);
const snapshots = new SharedReads(async (id: number) => {
  const detail = await getMigrationDetail(id);
  return { detail, frame: sseMessage("snapshot", detail, detail.lastSeq) };
});

/**
 * Checks everything that can fail before the stream opens (unknown id: 404; an id after the
 * last stored event: 400) and returns the function that feeds the stream.
 */
export async function prepareMigrationStream(bus: MigrationBus, id: number, lastEventId: number | undefined) {
  const dto = await rows.get(id);
  if (lastEventId !== undefined && lastEventId > dto.lastSeq) {
    throw new BadRequestError(
      `Last-Event-ID ${lastEventId} is after the last event (${dto.lastSeq}) of migration ${id}.`,
    );
  }
  return async (channel: SseChannel): Promise<() => void> => {
    let cursor = lastEventId ?? 0;
    let live = false;
    const buffered: PublishedBatch[] = [];
    // A batch is one chunk to the client; what the store already gave it (by seq) is left out.
    // This runs once per subscriber per publish: the batch did the rest once for all of them.
    const deliver = (batch: PublishedBatch) => {
      if (batch.events.length === 0 || batch.lastSeq <= cursor) return;
      channel.send(batch.firstSeq > cursor ? batch.frames : framesAfter(batch, cursor));
      cursor = batch.lastSeq;
      if (batch.done) channel.close();
    };
    // Subscribe first, then read the store: what is published meanwhile waits in `buffered`, and
    // anything already read is dropped by seq, so there is no gap and no duplicate.
    const unsubscribeEvents = bus.subscribe(id, (p) => (live ? deliver(p) : buffered.push(p)));
    // A lab reset removes the migration: its stream ends (a reconnect finds it gone, a 404).
    const unsubscribeReset = bus.onReset(() => channel.close());
    const unsubscribe = () => {
      unsubscribeEvents();
      unsubscribeReset();
    };
    let finished = false;
    if (lastEventId === undefined) {
      // Asked for after subscribing, so it was read after that too, shared or not.
      const { detail, frame } = await snapshots.get(id);
      channel.send(frame);
      cursor = detail.lastSeq;
      finished = !ACTIVE_STATUSES.includes(detail.status);
    } else {
      const missed = await eventsAfter(id, lastEventId);
      if (missed.length > 0) channel.send(missed.map(sseFrame).join(""));
      for (const event of missed) {
        cursor = event.seq;
        if (event.type === "done") finished = true;
      }
      // Resumed after the last event of a move that has ended: nothing more will come.
      if (!ACTIVE_STATUSES.includes(dto.status) && cursor >= dto.lastSeq) finished = true;
    }
    if (finished) {
      unsubscribe();
      channel.close();
      return () => undefined;
    }
    for (const p of buffered) deliver(p);
    buffered.length = 0;
    live = true;
    return unsubscribe;
  };
}

/** The frames of a batch's events after `cursor` (a batch that overlaps what the store gave). */
function framesAfter(batch: PublishedBatch, cursor: number): string {
  let frames = "";
  for (const p of batch.events) if (p.event.seq > cursor) frames += p.frame;
  return frames;
}

/** What the bell needs: status changes, stages, progress, the switchover and the end. */
export const NOTIFICATION_TYPES: readonly StreamEventType[] = [
  "status",
  "stage",
  "progress",
  "switchover",
  "done",
];

/**
 * Fan-out for /api/events: one listener on the bus looks each event's migration up once and
 * hands the same frame to every subscriber.
 */
export class Notifier {
  private readonly listeners = new Set<(id: number, frame: string) => void>();
  private unsubscribe: (() => void) | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Published events waiting for the chain's next turn. */
  private batch: Published[] = [];

  constructor(private readonly bus: MigrationBus) {}

  subscribe(listener: (id: number, frame: string) => void): () => void {
    this.listeners.add(listener);
    this.unsubscribe ??= this.bus.subscribeAll((p) => this.onPublished(p));
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
      }
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  onReset(listener: (scenario: string) => void): () => void {
    return this.bus.onReset(listener);
  }

  private onPublished(p: Published): void {
    if (!NOTIFICATION_TYPES.includes(p.event.type)) return;
    // The events of one step are published together: look each move up once for all of them (a
    // drain ends hundreds of moves in a row), in order, whatever the number of subscribers.
    this.batch.push(p);
    if (this.batch.length > 1) return;
    this.chain = this.chain
      .then(async () => {
        const batch = this.batch;
        this.batch = [];
        const rows = new Map<number, MigrationDto>();
        for (const id of new Set(batch.map((b) => b.event.migrationId))) {
          try {
            rows.set(id, await getMigrationDto(id));
          } catch (error) {
            // A move gone meanwhile (a reset) has nothing to say; the others still do.
            console.error(`notification of migration ${id} failed`, error);
          }
        }
        for (const b of batch) {
          const migration = rows.get(b.event.migrationId);
          if (!migration) continue;
          const frame = notificationFrame(b.id, migration, b);
          for (const listener of this.listeners) listener(b.id, frame);
        }
      })
      .catch((error: unknown) => console.error("notification failed", error));
  }
}

function notificationFrame(id: number, migration: MigrationDto, p: Pick<Published, "event">): string {
  const body: NotificationEvent = { id, migration, event: p.event };
  return sseMessage("migration", body, id);
}

async function notificationSnapshot(): Promise<{ migrations: MigrationDto[] }> {
  const [active, recent] = await Promise.all([
    listMigrations({ active: "true", limit: 1000, sort: "createdAt", order: "desc" }),
    listMigrations({ active: "false", limit: 20, sort: "createdAt", order: "desc" }),
  ]);
  return { migrations: [...active.items, ...recent.items] };
}

const RESUME_PAGE = 500;

/** The bell's snapshot and the newest event id, shared by the pages that open at one moment. */
const ALL = 0;
const latestIds = new SharedReads((_: typeof ALL) => latestEventId());
const notificationSnapshots = new SharedReads(async (_: typeof ALL) => {
  const latest = await latestEventId();
  return { latest, frame: sseMessage("snapshot", await notificationSnapshot(), latest) };
});

export function prepareNotificationStream(
  notifier: Notifier,
  lastEventId: number | undefined,
  /** The lab clock: a suite pausing, stepping or speeding it is told to open pages as `clock`. */
  clock?: Pick<LabClock, "onChange">,
) {
  return async (channel: SseChannel): Promise<() => void> => {
    let cursor = lastEventId ?? 0;
    let live = false;
    const buffered: [number, string][] = [];
    const deliver = (id: number, frame: string) => {
      if (id <= cursor) return;
      cursor = id;
      channel.send(frame);
    };
    const unsubscribeEvents = notifier.subscribe((id, frame) =>
      live ? deliver(id, frame) : buffered.push([id, frame]),
    );
    // The estate was replaced: open pages refetch everything (no id: it is not a stored event).
    const unsubscribeReset = notifier.onReset((scenario) => {
      // Event ids number from 1 again after a reset.
      cursor = 0;
      channel.send(sseMessage("reset", { scenario }));
    });
    const unsubscribeClock =
      clock?.onChange((state) => channel.send(sseMessage("clock", { ...state, wallMs: Date.now() }))) ??
      (() => undefined);
    const unsubscribe = () => {
      unsubscribeEvents();
      unsubscribeReset();
      unsubscribeClock();
    };
    // An id from before a database reset (or from nowhere) would silence the stream: start afresh.
    // Asked for after subscribing, so read after that too, shared with the pages opening with it.
    const snapshot =
      lastEventId === undefined || lastEventId > (await latestIds.get(ALL))
        ? await notificationSnapshots.get(ALL)
        : undefined;
    if (snapshot) {
      cursor = snapshot.latest;
      channel.send(snapshot.frame);
    } else {
      // Page through the backlog: a long disconnect must not lose the end of it.
      for (;;) {
        const page = await globalEventsAfter(cursor, NOTIFICATION_TYPES, RESUME_PAGE);
        // One look-up per migration and page: a replay sends each move's row as it is now.
        const rows = new Map<number, MigrationDto>();
        for (const { id, event } of page) {
          let migration = rows.get(event.migrationId);
          if (!migration) {
            migration = await getMigrationDto(event.migrationId);
            rows.set(event.migrationId, migration);
          }
          deliver(id, notificationFrame(id, migration, { event }));
        }
        if (page.length < RESUME_PAGE || channel.closed) break;
      }
    }
    for (const [id, frame] of buffered) deliver(id, frame);
    buffered.length = 0;
    live = true;
    return unsubscribe;
  };
}
