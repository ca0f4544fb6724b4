// `npm run screenshots`: the numbered deck into screenshots/ (Playwright's "deck" project, one
// worker, its own server). `npm run screenshots -- --verify` takes it twice and compares every
// picture's bytes, for authors who link to these files and need them stable.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureChromium } from "./ensure-chromium.mjs";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { baseEnv, bin, fail, forwardSignals, log, ROOT, run } from "./lib.mjs";

async function takeDeck(dir) {
  rmSync(dir, { recursive: true, force: true });
  const code = await run(bin("playwright"), ["test", "--project=deck", "--workers=1", "--retries=0"], {
    env: baseEnv({
      E2E_WORKERS: "1",
      E2E_NAME: "deck",
      E2E_PORT: process.env.E2E_PORT ?? "3150",
      SCREENSHOTS_DIR: dir,
    }),
  });
  if (code !== 0) fail(`the deck could not be taken (playwright exit ${code})`);
}

const hashes = (dir) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".png"))
      .sort()
      .map((f) => [
        f,
        createHash("sha256")
          .update(readFileSync(path.join(dir, f)))
          .digest("hex"),
      ]),
  );

forwardSignals();
await ensureInstall();
await ensureChromium();
await ensureGenerate();
const out = path.join(ROOT, "screenshots");
await takeDeck(out);
const first = hashes(out);
log(`${Object.keys(first).length} pictures in screenshots/ (index.md, index.html)`);
if (process.argv.includes("--verify")) {
  const again = path.join(ROOT, "test-results", "screenshots-again");
  await takeDeck(again);
  const second = hashes(again);
  const differ = Object.keys(first).filter((f) => first[f] !== second[f]);
  const missing = Object.keys(first).filter((f) => !(f in second));
  if (differ.length || missing.length) {
    fail(`the second run differs: ${[...differ, ...missing.map((f) => `${f} (missing)`)].join(", ")}`);
  }
  log(`--verify: both runs gave the same ${Object.keys(first).length} pictures, byte for byte`);
}
