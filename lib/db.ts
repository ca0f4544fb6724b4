import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./dev.db";
}

export function createDb(url = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
}

const globalForDb = globalThis as unknown as { lmlDb?: PrismaClient; lmlDbReady?: Promise<void> };

/** One client per process; it survives dev reloads on globalThis. */
export const db: PrismaClient = globalForDb.lmlDb ?? createDb();
globalForDb.lmlDb = db;

/** WAL lets the seed, the server and tests share one file; a fresh file needs it again. */
export function dbReady(): Promise<void> {
  globalForDb.lmlDbReady ??= db.$executeRawUnsafe("PRAGMA journal_mode=WAL").then(
    () => undefined,
    // A read-only or in-use file keeps its mode; queries still work.
    () => undefined,
  );
  return globalForDb.lmlDbReady;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForLock = globalThis as unknown as { lmlWriteLock?: Promise<unknown> };

/**
 * Runs `fn` in an interactive transaction, one at a time in this process: with this adapter a
 * query issued while another transaction is open joins it (../shared/STACK.md), so every write
 * goes through here and stays short.
 */
export function writeTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const previous = globalForLock.lmlWriteLock ?? Promise.resolve();
  const run = previous.then(
    () => db.$transaction(fn),
    () => db.$transaction(fn),
  );
  globalForLock.lmlWriteLock = run.catch(() => undefined);
  return run;
}
