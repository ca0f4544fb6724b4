// Installs dependencies and generates the Prisma client when they are missing or stale.
// `node scripts/ensure-install.mjs` does both; start.mjs and test.mjs import the functions.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bin, hashFile, log, ROOT, readStamp, runOrDie, sha256, writeStamp } from "./lib.mjs";

const INSTALL_STAMP = path.join(ROOT, "node_modules", ".install-stamp");
const GENERATE_STAMP = path.join(ROOT, "generated", ".generate-stamp");

/**
 * Without a stamp (node_modules installed by hand): does npm's own record of what it installed
 * (node_modules/.package-lock.json) match package-lock.json? Then there is nothing to reinstall.
 */
function installedMatchesLock() {
  try {
    const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).packages ?? {};
    const installed =
      JSON.parse(readFileSync(path.join(ROOT, "node_modules", ".package-lock.json"), "utf8")).packages ?? {};
    for (const [name, entry] of Object.entries(lock)) {
      if (name === "") continue;
      const have = installed[name];
      if (have ? have.version !== entry.version : !entry.optional) return false;
    }
    return Object.keys(installed).every((name) => name in lock);
  } catch {
    return false;
  }
}

/** `npm ci` when node_modules is missing or package-lock.json changed since the last install. */
export async function ensureInstall() {
  const lockHash = hashFile(path.join(ROOT, "package-lock.json"));
  const stamp = readStamp(INSTALL_STAMP);
  const present = existsSync(path.join(ROOT, "node_modules", ".bin", "next"));
  if (present && stamp === lockHash) return false;
  if (present && stamp === null && installedMatchesLock()) {
    writeStamp(INSTALL_STAMP, lockHash);
    return false;
  }
  let reason = "node_modules missing: npm ci (compiles better-sqlite3, about 2 minutes)";
  if (present && stamp === null) reason = "node_modules does not match package-lock.json: npm ci";
  else if (present) reason = "package-lock.json changed since the last install: npm ci";
  log(reason);
  const started = Date.now();
  await runOrDie("npm", ["ci", "--include=dev", "--no-audit", "--no-fund"]);
  writeStamp(INSTALL_STAMP, lockHash);
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return true;
}

/** `prisma generate` when generated/ is missing or the schema, config or lockfile changed. */
export async function ensureGenerate() {
  const inputs = sha256(
    hashFile(path.join(ROOT, "prisma", "schema.prisma")),
    hashFile(path.join(ROOT, "prisma.config.ts")),
    hashFile(path.join(ROOT, "package-lock.json")),
  );
  const present = existsSync(path.join(ROOT, "generated", "prisma", "client.ts"));
  if (present && readStamp(GENERATE_STAMP) === inputs) return false;
  log("prisma generate");
  await runOrDie(bin("prisma"), ["generate"]);
  writeStamp(GENERATE_STAMP, inputs);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await ensureInstall();
  await ensureGenerate();
}
