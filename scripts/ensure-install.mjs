// Installs dependencies and generates the Prisma client when they are missing or stale.
// `node scripts/ensure-install.mjs` does both; start.mjs and test.mjs import the functions.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bin, hashFile, log, ROOT, readStamp, run, runOrDie, sha256, writeStamp } from "./lib.mjs";

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

const NPM_CI = ["ci", "--include=dev", "--no-audit", "--no-fund"];

/**
 * `npm ci` when node_modules is missing or package-lock.json changed since the last install.
 * Resolves to { installed, scripts }: `scripts` settles when the packages' install scripts are done.
 *
 * With { deferScripts: true } (npm test) those scripts run in the background: `npm ci
 * --ignore-scripts` (about 25 s), then `npm rebuild` while the caller goes on. They are
 * better-sqlite3's native compile, about a minute on one core, and esbuild's check; lint,
 * typecheck, prisma generate and next build need neither, so they use the other core meanwhile.
 * Whatever loads better-sqlite3 (vitest, the servers) must await `scripts` first. The stamp is
 * written only once the scripts succeeded; `scripts` rejects when they fail.
 */
export async function ensureInstall({ deferScripts = false } = {}) {
  const done = (installed) => ({ installed, scripts: Promise.resolve() });
  const lockHash = hashFile(path.join(ROOT, "package-lock.json"));
  const stamp = readStamp(INSTALL_STAMP);
  const present = existsSync(path.join(ROOT, "node_modules", ".bin", "next"));
  if (present && stamp === lockHash) return done(false);
  if (present && stamp === null && installedMatchesLock()) {
    writeStamp(INSTALL_STAMP, lockHash);
    return done(false);
  }
  let reason = "node_modules missing: npm ci (compiles better-sqlite3, about 1.5 minutes)";
  if (present && stamp === null) reason = "node_modules does not match package-lock.json: npm ci";
  else if (present) reason = "package-lock.json changed since the last install: npm ci";
  log(reason);
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  if (!deferScripts) {
    await runOrDie("npm", NPM_CI);
    writeStamp(INSTALL_STAMP, lockHash);
    log(`installed in ${seconds()} s`);
    return done(true);
  }
  await runOrDie("npm", [...NPM_CI, "--ignore-scripts"]);
  log(`packages in place in ${seconds()} s; their install scripts (native compile) go on alongside`);
  const scripts = run("npm", ["rebuild"], { prefix: "[native]" }).then((code) => {
    if (code !== 0) throw new Error(`npm rebuild (the packages' install scripts) failed (exit ${code})`);
    writeStamp(INSTALL_STAMP, lockHash);
    log(`installed in ${seconds()} s, install scripts included`);
  });
  // Nobody may be waiting yet when it fails: the caller sees the rejection when it awaits.
  scripts.catch(() => {});
  return { installed: true, scripts };
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
