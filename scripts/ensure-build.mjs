// `next build` when there is no complete build in the dist dir (NEXT_DIST_DIR, default .next) or
// the sources changed since it was made. The hash of the build inputs (scripts/lib.mjs
// sourceHash) is stored in the dist dir next to BUILD_ID, and written only after a good build.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { baseEnv, bin, fail, log, ROOT, readStamp, run, sourceHash, writeStamp } from "./lib.mjs";

export function distDir() {
  return process.env.NEXT_DIST_DIR || ".next";
}

/**
 * Builds into `dir` (default: distDir()) unless the build there is current; resolves to true when
 * it built. Throws when next build fails. `prefix` and `nice` as for lib.mjs run(), for a build
 * that runs beside other steps.
 */
export async function ensureBuild({ force = false, dir: folder = distDir(), prefix, nice } = {}) {
  const dir = path.join(ROOT, folder);
  const stampFile = path.join(dir, ".lml-source-hash");
  const hash = sourceHash();
  if (!force && existsSync(path.join(dir, "BUILD_ID")) && readStamp(stampFile) === hash) {
    log(`build in ${folder} is up to date`);
    return false;
  }
  log(`next build into ${folder} (sources changed or no build yet)`);
  const started = Date.now();
  // next build adds `<distDir>/types/**` to tsconfig.json's include for any distDir it has not
  // seen (and reformats the file): put the tracked file back as it was.
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const tsconfigBefore = existsSync(tsconfig) ? readFileSync(tsconfig, "utf8") : null;
  const code = await run(bin("next"), ["build"], { env: baseEnv({ NEXT_DIST_DIR: folder }), prefix, nice });
  if (tsconfigBefore !== null && readFileSync(tsconfig, "utf8") !== tsconfigBefore) {
    writeFileSync(tsconfig, tsconfigBefore);
  }
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  writeStamp(stampFile, hash);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await ensureInstall();
  await ensureGenerate();
  await ensureBuild({ force: process.argv.includes("--force") }).catch((error) => fail(error.message));
}
