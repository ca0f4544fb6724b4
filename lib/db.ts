import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { BUSY_TIMEOUT_MS, SQLITE_PRAGMAS } from "@/lib/sqlite";

export type Db = PrismaClient;

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./dev.db";
}

export function createDb(url = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }) });
}

const globalForDb = globalThis as unknown as { lmlDb?: PrismaClient; lmlDbReady?: Promise<void> };

/** One client per process; it survives dev reloads on globalThis. */
export const db: PrismaClient = globalForDb.lmlDb ?? createDb();
globalForDb.lmlDb = db;

/** Sets lib/sqlite.ts's pragmas on a client's connection. */
export async function applyPragmas(client: PrismaClient): Promise<void> {
  for (const pragma of SQLITE_PRAGMAS) {
    // A read-only or in-use file keeps its mode; queries still work.
    await client.$executeRawUnsafe(`PRAGMA ${pragma}`).catch(() => undefined);
  }
}

/** The process's client with its pragmas set (once). */
export function dbReady(): Promise<void> {
  globalForDb.lmlDbReady ??= applyPragmas(db);
  return globalForDb.lmlDbReady;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export type RawDb = Database.Database;
export type RawStatement = Database.Statement<unknown[]>;
const globalForRaw = globalThis as unknown as { lmlRawDb?: RawDb };

/**
 * A second connection to the same file, for the event store's hot path: plain synchronous
 * statements, so a runner step's events are stored in one short transaction with no await inside
 * (Prisma's interactive transactions cost several promise turns per statement). Use it only under
 * `withWriteLock`: then no Prisma write transaction is open, and nothing else runs until it commits.
 */
export function rawDb(): RawDb {
  if (!globalForRaw.lmlRawDb) {
    const raw = new Database(databaseUrl().replace(/^file:/, ""), { timeout: BUSY_TIMEOUT_MS });
    for (const pragma of SQLITE_PRAGMAS) raw.pragma(pragma);
    globalForRaw.lmlRawDb = raw;
  }
  return globalForRaw.lmlRawDb;
}

const globalForLock = globalThis as unknown as { lmlWriteLock?: Promise<unknown> };

/**
 * Runs `fn` in an interactive transaction, one at a time in this process: with this adapter a
 * query issued while another transaction is open joins it (docs/architecture.md), so every write
 * goes through here and stays short.
 */
export function writeTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withWriteLock(() => db.$transaction(fn));
}

/**
 * One turn of the event loop. better-sqlite3 answers synchronously, so a chain of transactions
 * (a node drain placing hundreds of roles, the runner's steps, the queue's starts) otherwise runs
 * from one promise to the next and no request is served until the whole chain is done.
 */
const eventLoopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `fn` when no other write of this process is under way (a batch write such as a reset).
 * `yieldFirst: false` skips the turn of the event loop when nothing else holds the lock: for a
 * write that a timer started (a runner step), which cannot be part of a chain; behind another
 * write it still waits for its turn as any other.
 */
export function withWriteLock<T>(fn: () => Promise<T>, { yieldFirst = true } = {}): Promise<T> {
  const previous = globalForLock.lmlWriteLock;
  const run =
    previous === undefined && !yieldFirst
      ? Promise.resolve().then(fn)
      : (previous ?? Promise.resolve()).then(eventLoopTurn, eventLoopTurn).then(fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  globalForLock.lmlWriteLock = settled;
  // Once this write is done and nothing was queued behind it, the lock is free again.
  void settled.then(() => {
    if (globalForLock.lmlWriteLock === settled) globalForLock.lmlWriteLock = undefined;
  });
  return run;
}
