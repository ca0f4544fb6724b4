// vitest setup file: before any test module imports lib/db.ts (which reads DATABASE_URL at import
// time), point DATABASE_URL at a fresh SQLite file with every migration applied. One file per test
// file, removed when it ends; pure tests never open it.
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { prepareSqliteFile } from "./sqlite-file";

/** tmpfs when there is one: the integration tests commit hundreds of transactions, and fsync dominates. */
function scratch(): string {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return tmpdir();
  }
}

const dir = mkdtempSync(join(scratch(), "lml-vitest-"));
const file = join(dir, "test.db");
process.env.DATABASE_URL = `file:${file}`;

try {
  // Loaded here, not imported, so that pure tests still run when the native module is missing;
  // lib/testing/seed.ts reports the failure to the tests that need the database.
  const Database = createRequire(import.meta.url)("better-sqlite3") as typeof import("better-sqlite3");
  const sqlite = new Database(file);
  try {
    prepareSqliteFile(sqlite);
  } finally {
    sqlite.close();
  }
} catch (error) {
  (globalThis as { lmlTestDbError?: unknown }).lmlTestDbError = error;
}

afterAll(async () => {
  const shared = globalThis as { lmlDb?: { $disconnect(): Promise<void> } };
  await shared.lmlDb?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});
