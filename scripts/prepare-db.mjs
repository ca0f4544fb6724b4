// Brings the SQLite database at DATABASE_URL (default file:./dev.db) up to date:
// `prisma migrate deploy`, WAL mode, and the demo seed when the inventory is empty.
//   node scripts/prepare-db.mjs            migrate + seed when empty
//   node scripts/prepare-db.mjs --reset    delete the file first (`migrate reset` is broken here)
//   node scripts/prepare-db.mjs --no-seed  migrate only
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { baseEnv, bin, log, ROOT, runOrDie, sqlitePath } from "./lib.mjs";

/** Deletes the database file and its WAL/SHM/journal companions. */
export function deleteDatabase(url) {
  const file = sqlitePath(url);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

/** WAL lets the seed, the server and the tests share the file; it persists in the file itself. */
function enableWal(url) {
  const require = createRequire(path.join(ROOT, "package.json"));
  const Database = require("better-sqlite3");
  try {
    const db = new Database(sqlitePath(url), { timeout: 5000 });
    try {
      db.pragma("journal_mode = WAL");
    } finally {
      db.close();
    }
  } catch (error) {
    // The app turns WAL on at start-up as well; a busy file keeps its mode for now.
    log(`could not switch to WAL now (${error instanceof Error ? error.message : error})`);
  }
}

export async function prepareDb({ reset = false, seed = true } = {}) {
  const url = baseEnv().DATABASE_URL;
  const env = baseEnv({ DATABASE_URL: url });
  const file = sqlitePath(url);
  if (reset) {
    log(`deleting ${path.relative(ROOT, file) || file}`);
    deleteDatabase(url);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  log(`prisma migrate deploy (${url})`);
  await runOrDie(bin("prisma"), ["migrate", "deploy"], { env });
  enableWal(url);
  if (seed) await runOrDie(bin("tsx"), ["prisma/seed.ts", "--if-empty"], { env });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  await ensureInstall();
  await ensureGenerate();
  await prepareDb({ reset: args.includes("--reset"), seed: !args.includes("--no-seed") });
}
