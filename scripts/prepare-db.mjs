// Brings the SQLite database at DATABASE_URL (default file:./dev.db) up to date:
// `prisma migrate deploy`, then the demo seed when the inventory is empty (the seed and the server
// set the SQLite pragmas of lib/sqlite.ts).
//   node scripts/prepare-db.mjs            migrate + seed when empty
//   node scripts/prepare-db.mjs --reset    delete the file first (`migrate reset` is broken here);
//                                          with a server running on the file, reset through it
//                                          (POST /api/lab/reset) instead, or say why it cannot
//   node scripts/prepare-db.mjs --no-seed  migrate only
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { baseEnv, bin, fail, log, ROOT, runOrDie, sqlitePath } from "./lib.mjs";

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

/** The server using the database, from the marker it writes beside it (lib/lab/server-marker.ts). */
function runningServer(url) {
  const marker = `${sqlitePath(url)}.server.json`;
  if (!existsSync(marker)) return null;
  try {
    const server = JSON.parse(readFileSync(marker, "utf8"));
    process.kill(server.pid, 0); // throws when the process is gone
    return server;
  } catch {
    return null;
  }
}

/** `npm run db:reset` while a server holds the file: reset the estate in that server. */
async function resetThroughServer(server) {
  const where = `the server (pid ${server.pid}, port ${server.port})`;
  if (!server.controlApi) {
    fail(
      `${where} is using this database, and deleting the file under it would change nothing it shows. ` +
        "Stop it and run db:reset again, or restart it with LAB_CONTROL_API=1 so that db:reset resets it in place.",
    );
  }
  const host = ["0.0.0.0", "::", "[::]"].includes(server.host) ? "127.0.0.1" : server.host;
  const base = `http://${host.includes(":") ? `[${host}]` : host}:${server.port}`;
  const response = await fetch(`${base}/api/lab/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: "demo" }),
  }).catch((error) => fail(`could not reach ${where} at ${base}: ${error.message}`));
  const body = await response.json().catch(() => ({}));
  if (!response.ok) fail(`${where} refused the reset: ${body.error?.message ?? response.status}`);
  log(
    `reset the estate to the demo scenario through ${where} in ${body.ms} ms; open pages refresh themselves`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  await ensureInstall();
  await ensureGenerate();
  const server = args.includes("--reset") ? runningServer(baseEnv().DATABASE_URL) : null;
  if (server) await resetThroughServer(server);
  else await prepareDb({ reset: args.includes("--reset"), seed: !args.includes("--no-seed") });
}
