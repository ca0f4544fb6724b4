import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Db, db, type RawDb, type RawStatement, rawDb, type Tx, withWriteLock } from "@/lib/db";
import type { MigrationInput } from "@/lib/engine/types";
import { DEFAULT_POLICY } from "@/lib/engine/validate";
import { NotFoundError } from "@/lib/http/errors";
import { pageOf } from "@/lib/inventory/json";
import type {
  MigrationDetail,
  MigrationDto,
  MigrationListQuery,
  MigrationStreamEvent,
  StreamEventType,
  StreamPayloads,
} from "@/lib/schemas/migration";
import { foldEvents } from "@/lib/schemas/migration-state";
import type { Published } from "./bus";
import { readJson, rowWords } from "./row-data";
import { queuePositions as positionsInQueue } from "./scheduler";

export const migrationRowSelect = {
  id: true,
  vmId: true,
  vmName: true,
  kind: true,
  sourceHostId: true,
  destinationHostId: true,
  sourceHost: { select: { id: true, name: true } },
  destinationHost: { select: { id: true, name: true } },
  startedFrom: true,
  startedBy: { select: { id: true, displayName: true } },
  status: true,
  stage: true,
  percent: true,
  speed: true,
  seed: true,
  switchedOver: true,
  failureCode: true,
  failureMessage: true,
  prediction: true,
  input: true,
  summary: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  lastSeq: true,
} satisfies Prisma.MigrationSelect;
export type MigrationRow = Prisma.MigrationGetPayload<{ select: typeof migrationRowSelect }>;

function policyOf(input: MigrationInput | null): MigrationDto["policy"] {
  return {
    maxPasses: input?.policy?.maxPasses ?? DEFAULT_POLICY.maxPasses,
    stopBelowBytes: input?.policy?.stopBelowBytes ?? DEFAULT_POLICY.stopBelowBytes,
  };
}

export function toDto(row: MigrationRow, queuePosition: number | null = null): MigrationDto {
  return {
    id: row.id,
    vmId: row.vmId,
    vmName: row.vmName,
    kind: rowWords.kind(row.kind),
    sourceHost: row.sourceHost,
    destinationHost: row.destinationHost,
    startedFrom: rowWords.startedFrom(row.startedFrom),
    startedBy: row.startedBy ? { id: row.startedBy.id, name: row.startedBy.displayName } : null,
    status: row.status,
    stage: rowWords.stage(row.stage),
    percent: row.percent,
    speed: row.speed,
    seed: row.seed,
    switchedOver: row.switchedOver,
    failure:
      row.failureCode !== null
        ? { code: row.failureCode, message: row.failureMessage ?? row.failureCode }
        : null,
    prediction: readJson("prediction", row.prediction),
    policy: policyOf(readJson("input", row.input)),
    summary: row.summary === null ? null : readJson("summary", row.summary),
    queuePosition: row.status === "queued" ? queuePosition : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    lastSeq: row.lastSeq,
  };
}

/** 1-based places in the FIFO queue of each queued migration's source host. */
export async function queuePositions(client: Db | Tx = db): Promise<Map<number, number>> {
  const queued = await client.migration.findMany({
    where: { status: "queued" },
    orderBy: { id: "asc" },
    select: { id: true, sourceHostId: true },
  });
  return positionsInQueue(queued);
}

export async function getMigrationDto(id: number, client: Db | Tx = db): Promise<MigrationDto> {
  const row = await client.migration.findUnique({ where: { id }, select: migrationRowSelect });
  if (!row) throw new NotFoundError("Migration", id);
  const positions = row.status === "queued" ? await queuePositions(client) : new Map<number, number>();
  return toDto(row, positions.get(id) ?? null);
}

export async function listMigrations(query: MigrationListQuery) {
  const where: Prisma.MigrationWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.active === "true" ? { status: { in: ["queued", "running"] } } : {}),
    ...(query.active === "false" ? { status: { notIn: ["queued", "running"] } } : {}),
    ...(query.vmId ? { vmId: query.vmId } : {}),
    ...(query.hostId ? { OR: [{ sourceHostId: query.hostId }, { destinationHostId: query.hostId }] } : {}),
  };
  const offset = Number(query.cursor ?? 0);
  const [rows, total, positions] = await Promise.all([
    db.migration.findMany({
      where,
      select: migrationRowSelect,
      orderBy: [{ [query.sort]: query.order }, { id: query.order }],
      skip: offset,
      take: query.limit,
    }),
    db.migration.count({ where }),
    queuePositions(),
  ]);
  return pageOf(
    rows.map((r) => toDto(r, positions.get(r.id) ?? null)),
    offset,
    query.limit,
    total,
  );
}

interface EventRow {
  id: number;
  migrationId: number;
  seq: number;
  type: string;
  payload: Prisma.JsonValue;
  atMs: number;
}

export function toStreamEvent(row: EventRow): MigrationStreamEvent {
  return {
    seq: row.seq,
    type: row.type as StreamEventType,
    atMs: row.atMs,
    migrationId: row.migrationId,
    data: row.payload,
  } as MigrationStreamEvent;
}

export function sseFrame(event: MigrationStreamEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Events of one migration with seq > afterSeq (and <= uptoSeq), in order. */
export async function eventsAfter(
  migrationId: number,
  afterSeq: number,
  uptoSeq = Number.MAX_SAFE_INTEGER,
): Promise<MigrationStreamEvent[]> {
  const rows = await db.migrationEvent.findMany({
    where: { migrationId, seq: { gt: afterSeq, lte: uptoSeq } },
    orderBy: { seq: "asc" },
  });
  return rows.map(toStreamEvent);
}

/** Everything up to the row's lastSeq, folded: GET /api/migrations/:id and the `snapshot` event. */
export async function getMigrationDetail(id: number): Promise<MigrationDetail> {
  const dto = await getMigrationDto(id);
  const events = await eventsAfter(id, 0, dto.lastSeq);
  // The fold starts from the row as it was created; the events bring it to lastSeq.
  const start: MigrationDto = {
    ...dto,
    status: dto.status,
    stage: "pending",
    percent: 0,
    switchedOver: false,
    summary: null,
    failure: null,
    lastSeq: 0,
  };
  const folded = foldEvents(start, events);
  return {
    ...folded,
    queuePosition: dto.queuePosition,
    startedAt: dto.startedAt,
    finishedAt: dto.finishedAt,
  };
}

export type NewEvent = {
  [T in StreamEventType]: { type: T; atMs: number; data: StreamPayloads[T]; hostId?: number };
}[StreamEventType];

/**
 * Stores events after the migration's lastSeq (call inside writeTransaction, with the row
 * changes they go with) and returns them ready to publish. `log` events with a hostId are
 * also written to the Windows event log table.
 */
export async function appendEvents(
  tx: Tx,
  migrationId: number,
  events: readonly NewEvent[],
  now: Date,
  row: Prisma.MigrationUpdateInput = {},
): Promise<Published[]> {
  // One UPDATE claims the sequence numbers and applies the row changes; one INSERT per 500
  // events stores them. This runs for every runner step, so it avoids Prisma's per-row calls.
  const updated = await tx.migration.update({
    where: { id: migrationId },
    data: { ...row, lastSeq: { increment: events.length } },
    select: { lastSeq: true, vmId: true },
  });
  const firstSeq = updated.lastSeq - events.length + 1;
  const createdAt = now.toISOString().replace("Z", "+00:00"); // Prisma's DateTime text in SQLite
  const ids = new Map<number, number>();
  for (let from = 0; from < events.length; from += INSERT_CHUNK) {
    const chunk = events.slice(from, from + INSERT_CHUNK);
    const inserted = await tx.$queryRawUnsafe<{ id: number | bigint; seq: number | bigint }[]>(
      `INSERT INTO "MigrationEvent" ("migrationId", "seq", "type", "payload", "atMs", "createdAt") VALUES ${chunk
        .map(() => "(?, ?, ?, ?, ?, ?)")
        .join(", ")} RETURNING "id", "seq"`,
      ...chunk.flatMap((e, i) => [
        migrationId,
        firstSeq + from + i,
        e.type,
        JSON.stringify(e.data),
        atMsOf(e),
        createdAt,
      ]),
    );
    for (const r of inserted) ids.set(Number(r.seq), Number(r.id));
  }
  const logs = events.flatMap((e) =>
    e.type === "log" && e.hostId !== undefined
      ? [
          {
            channel: e.data.channel,
            eventId: e.data.eventId,
            level: e.data.level,
            hostId: e.hostId,
            vmId: updated.vmId,
            message: e.data.message,
            time: now,
          },
        ]
      : [],
  );
  if (logs.length) await tx.eventLogEntry.createMany({ data: logs });
  return events.map((e, i) => {
    const seq = firstSeq + i;
    const event = { seq, type: e.type, atMs: atMsOf(e), migrationId, data: e.data } as MigrationStreamEvent;
    return { id: ids.get(seq) ?? 0, event, frame: sseFrame(event) };
  });
}

const INSERT_CHUNK = 500;

/** One move's share of a light runner step: its events and the stage or percent they set. */
export interface LightStep {
  migrationId: number;
  events: readonly NewEvent[];
  patch: { stage?: string; percent?: number };
}

interface Statements {
  claim: RawStatement;
  insert: RawStatement;
}
const statements = new WeakMap<RawDb, Statements>();

function statementsOf(raw: RawDb): Statements {
  let s = statements.get(raw);
  if (!s) {
    s = {
      // Claims the sequence numbers and sets the row's stage and percent in one statement.
      claim: raw.prepare<unknown[]>(
        `UPDATE "Migration" SET "lastSeq" = "lastSeq" + ?, "stage" = coalesce(?, "stage"), "percent" = coalesce(?, "percent") WHERE "id" = ? RETURNING "lastSeq"`,
      ),
      insert: raw.prepare<unknown[]>(
        `INSERT INTO "MigrationEvent" ("migrationId", "seq", "type", "payload", "atMs", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`,
      ),
    };
    statements.set(raw, s);
  }
  return s;
}

/**
 * Stores a runner step that touches nothing but the moves' own rows (no inventory change, no
 * end, no Windows event log entry) in one synchronous transaction on the raw connection, under the
 * write lock, and hands the stored events to `publish` as soon as it has committed, still under
 * the lock, so batches are published in the order they were stored. The events are durable (in
 * the WAL) before anyone sees them; sequence numbers are claimed in the same transaction. Moves
 * whose row is gone store nothing and are returned. A runner step comes from the runner's timer,
 * so it takes the lock at once when it is free (no extra turn of the event loop first).
 */
export function appendLightSteps(
  steps: readonly LightStep[],
  now: Date,
  publish: (published: Published[]) => void,
): Promise<{ vanished: number[] }> {
  return withWriteLock(
    async () => {
      const raw = rawDb();
      const { claim, insert } = statementsOf(raw);
      const createdAt = now.toISOString().replace("Z", "+00:00"); // Prisma's DateTime text in SQLite
      const vanished: number[] = [];
      const out: Published[] = [];
      raw
        .transaction(() => {
          for (const step of steps) {
            const n = step.events.length;
            const row = claim.get(
              n,
              step.patch.stage ?? null,
              step.patch.percent ?? null,
              step.migrationId,
            ) as { lastSeq: number } | undefined;
            if (!row) {
              vanished.push(step.migrationId);
              continue;
            }
            const firstSeq = row.lastSeq - n + 1;
            step.events.forEach((e, i) => {
              const seq = firstSeq + i;
              const atMs = atMsOf(e);
              const { lastInsertRowid } = insert.run(
                step.migrationId,
                seq,
                e.type,
                JSON.stringify(e.data),
                atMs,
                createdAt,
              );
              const event = {
                seq,
                type: e.type,
                atMs,
                migrationId: step.migrationId,
                data: e.data,
              } as MigrationStreamEvent;
              out.push({ id: Number(lastInsertRowid), event, frame: sseFrame(event) });
            });
          }
        })
        .immediate();
      publish(out);
      return { vanished };
    },
    { yieldFirst: false },
  );
}
/** Microseconds are plenty, and a short decimal reads back from SQLite as the very same number. */
const atMsOf = (e: { atMs: number }) => Math.round(e.atMs * 1000) / 1000;

/** Stored events of every migration after a global id, for /api/events resume. */
export async function globalEventsAfter(afterId: number, types: readonly StreamEventType[], limit = 1000) {
  const rows = await db.migrationEvent.findMany({
    where: { id: { gt: afterId }, type: { in: [...types] } },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map((r) => ({ id: r.id, event: toStreamEvent(r) }));
}

export async function latestEventId(): Promise<number> {
  const last = await db.migrationEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0;
}
