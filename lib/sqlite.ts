// How every connection to the lab's SQLite file is set up: the server, the seed, the tests and
// the benchmarks import these, so they all run the file the same way.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** How long a connection waits for another process's write lock before it reports "busy". */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * WAL lets the server, the seed and the tests share one file, and readers see a writer's commits
 * at once. It persists in the file, but a fresh file needs it again.
 */
export const SQLITE_PRAGMAS = ["journal_mode = WAL"] as const;

const MIGRATIONS = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

/** The SQL of every Prisma migration in order: a fresh file for a test or a benchmark. */
export function migrationScripts(): string[] {
  return readdirSync(MIGRATIONS)
    .filter((name) => !name.endsWith(".toml"))
    .sort()
    .map((name) => readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
}

/** Migrates a fresh better-sqlite3 file and sets the pragmas, as the app would run it. */
export function prepareSqliteFile(sqlite: { exec(sql: string): unknown; pragma(p: string): unknown }): void {
  for (const sql of migrationScripts()) sqlite.exec(sql);
  for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
}
