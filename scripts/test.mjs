// `npm test`: install what is missing (Chromium included), generate the Prisma client, then lint,
// typecheck, vitest and Playwright. Every check runs even when an earlier one fails, so one run
// shows everything; the exit code is non-zero when any failed. Both runners also write JSON
// reports (test-results/vitest.json, test-results/playwright.json) that .ci/run sums up.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureChromium } from "./ensure-chromium.mjs";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { bin, forwardSignals, log, ROOT, run } from "./lib.mjs";

const REPORTS = path.join(ROOT, "test-results");

async function main() {
  const started = Date.now();
  forwardSignals();
  await ensureInstall();
  await ensureChromium();
  await ensureGenerate();

  // A report left from an earlier run must not be counted for this one.
  rmSync(path.join(REPORTS, "vitest.json"), { force: true });
  rmSync(path.join(REPORTS, "playwright.json"), { force: true });
  rmSync(path.join(REPORTS, "steps.json"), { force: true });

  const steps = [
    ["lint", "npm", ["run", "--silent", "lint"]],
    ["typecheck", "npm", ["run", "--silent", "typecheck"]],
    [
      "vitest",
      bin("vitest"),
      ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"],
    ],
    ["playwright", bin("playwright"), ["test", "--project=journeys"]],
  ];
  const results = [];
  for (const [name, command, args] of steps) {
    log(`${name}: ${path.basename(command)} ${args.join(" ")}`);
    const stepStarted = Date.now();
    const code = await run(command, args);
    results.push({ name, code, seconds: Math.round((Date.now() - stepStarted) / 1000) });
  }

  // .ci/run counts a failed lint or typecheck as a failure too, not only failed tests.
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(path.join(REPORTS, "steps.json"), JSON.stringify(results, null, 2));
  console.log("");
  for (const { name, code, seconds } of results) {
    log(`${code === 0 ? "ok    " : "FAILED"} ${name.padEnd(10)} ${seconds} s`);
  }
  const failed = results.filter((result) => result.code !== 0);
  log(
    `npm test ${failed.length === 0 ? "passed" : "failed"} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  process.exit(failed.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
