// A browser for Playwright: Debian's chromium at CHROMIUM_PATH or /usr/bin/chromium; when missing
// and we are root, `apt-get install -y chromium`; otherwise Playwright's own
// `npx playwright install chromium`. Fails with a clear message when none works.
// ensureSystemChromium needs nothing from node_modules, so npm test runs it alongside `npm ci`.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { bin, fail, log, run } from "./lib.mjs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** The browser playwright.config.ts will launch: CHROMIUM_PATH, else Debian's, when present. */
export function chromiumPath() {
  return [process.env.CHROMIUM_PATH, DEBIAN_CHROMIUM].find((file) => file && existsSync(file)) ?? null;
}

/** Resolves to true when chromiumPath() exists, after `apt-get install -y chromium` if needed. */
export async function ensureSystemChromium({ prefix } = {}) {
  if (chromiumPath()) return true;
  const wanted = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
  log(`${wanted} is missing: apt-get install -y chromium`);
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const ok =
    (await run("apt-get", ["update"], { env, prefix })) === 0 &&
    (await run("apt-get", ["install", "-y", "chromium"], { env, prefix })) === 0;
  if (ok && chromiumPath()) {
    log(`chromium installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return true;
  }
  log("apt-get could not provide chromium");
  return false;
}

/**
 * Resolves to "system" (chromiumPath() exists) or "playwright" (Playwright's own browser, which
 * needs node_modules). `system` is a running ensureSystemChromium(), when the caller started one.
 */
export async function ensureChromium(system = ensureSystemChromium()) {
  if (await system) return "system";
  log(`${process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM} is missing: npx playwright install chromium`);
  if ((await run(bin("playwright"), ["install", "chromium"])) === 0) {
    // playwright.config.ts uses Playwright's browser when CHROMIUM_PATH is unset and the
    // system file is absent.
    return "playwright";
  }
  fail(
    `No Chromium for the browser tests. Install Debian's package (as root: apt-get install -y chromium), ` +
      `set CHROMIUM_PATH to a Chromium binary, or make \`npx playwright install chromium\` work.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const kind = await ensureChromium();
  log(kind === "system" ? `chromium: ${chromiumPath()}` : "chromium: Playwright's own build");
}
