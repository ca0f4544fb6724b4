// Brings the SQLite database at DATABASE_URL (default file:./dev.db) up to date:
// `prisma migrate deploy`, then the demo seed when the inventory is empty (the seed and the server
// set the SQLite pragmas of lib/sqlite.ts).
//   node scripts/prepare-db.mjs            migrate + seed when empty
//   node scripts/prepare-db.mjs --reset    delete the file first (`migrate reset` is broken here)
//   node scripts/prepare-db.mjs --no-seed  migrate only
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { baseEnv, bin, log, ROOT, runOrDie, sqlitePath } from "./lib.mjs";

/** Deletes the database file and its WAL/SHM/journal companions. */
export function deleteDatabase(url) {
  const file = sqlitePath(url);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
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
  if (seed) await runOrDie(bin("tsx"), ["prisma/seed.ts", "--if-empty"], { env });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  await ensureInstall();
  await ensureGenerate();
  await prepareDb({ reset: args.includes("--reset"), seed: !args.includes("--no-seed") });
}
