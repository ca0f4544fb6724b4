// `npm test`: install what is missing (Chromium included), generate the Prisma client, then lint,
// typecheck, the production build for the browser tests, vitest and Playwright. Every check runs
// even when an earlier one fails, so one run shows everything; the exit code is non-zero when any
// failed. Both runners also write JSON reports (test-results/vitest.json,
// test-results/playwright.json) that .ci/run sums up.
//
// On a fresh clone most of the time is set-up, so what does not depend on each other overlaps:
//   npm ci --ignore-scripts   | apt-get install chromium (when missing)
//   npm rebuild (better-sqlite3's native compile, one core)   | generate, lint, typecheck, next build (niced)
//   vitest (once the native module is there), then Playwright on the build made above
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";
import { ensureChromium, ensureSystemChromium } from "./ensure-chromium.mjs";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { bin, forwardSignals, log, ROOT, run } from "./lib.mjs";

const REPORTS = path.join(ROOT, "test-results");
// The browser tests' build folder: e2e/servers.ts names it the same way.
const E2E_DIST_DIR = `.next-${process.env.E2E_NAME ?? "e2e"}`;

async function main() {
  const started = Date.now();
  const at = () => Math.round((Date.now() - started) / 1000);
  forwardSignals();

  // apt needs nothing from node_modules: it runs while npm ci does.
  const systemChromium = ensureSystemChromium({ prefix: "[apt]" });
  const install = await ensureInstall({ deferScripts: true });
  // Playwright's own browser, the fallback, needs node_modules.
  await ensureChromium(systemChromium);
  await ensureGenerate();
  log(`set-up done at ${at()} s${install.installed ? " (native compile still running)" : ""}`);

  // A report left from an earlier run must not be counted for this one.
  rmSync(path.join(REPORTS, "vitest.json"), { force: true });
  rmSync(path.join(REPORTS, "playwright.json"), { force: true });
  rmSync(path.join(REPORTS, "steps.json"), { force: true });

  const results = [];
  const step = async (name, action) => {
    const stepStarted = Date.now();
    const from = at();
    const code = await action();
    results.push({ name, code, seconds: Math.round((Date.now() - stepStarted) / 1000), from });
    return code;
  };
  const command = (name, file, args) => {
    log(`${name}: ${path.basename(file)} ${args.join(" ")}`);
    return step(name, () => run(file, args));
  };

  await command("lint", "npm", ["run", "--silent", "lint"]);
  // typecheck runs before the build, never beside it: both write next-env.d.ts and tsc reads the
  // route types the build writes.
  await command("typecheck", "npm", ["run", "--silent", "typecheck"]);
  // The build the Playwright servers serve (they find it current and start at once). Niced: the
  // native compile beside it is what vitest waits for, so it keeps a core to itself.
  const build = await step("build", () =>
    ensureBuild({ dir: E2E_DIST_DIR, nice: 10 }).then(
      () => 0,
      (error) => {
        console.error(`[lml] ${error.message}`);
        return 1;
      },
    ),
  );

  // Everything below loads better-sqlite3.
  await install.scripts;
  await command("vitest", bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=test-results/vitest.json",
  ]);
  if (build === 0) {
    await command("playwright", bin("playwright"), ["test", "--project=journeys"]);
  } else {
    log("playwright: not run, the build failed");
  }

  // .ci/run counts a failed lint, typecheck or build as a failure too, not only failed tests.
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(path.join(REPORTS, "steps.json"), JSON.stringify(results, null, 2));
  console.log("");
  for (const { name, code, seconds, from } of results) {
    log(
      `${code === 0 ? "ok    " : "FAILED"} ${name.padEnd(10)} ${String(seconds).padStart(3)} s (from ${from} s)`,
    );
  }
  const failed = results.filter((result) => result.code !== 0);
  log(`npm test ${failed.length === 0 ? "passed" : "failed"} in ${at()} s`);
  process.exit(failed.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
