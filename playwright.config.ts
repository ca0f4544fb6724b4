import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { e2eDistDir, e2eServers, e2eWorkers } from "./e2e/servers";

// The e2e servers (e2e/servers.ts): one per worker, own port and SQLite file, one shared build
// folder, so they never fight `npm start` (port 3000, dev.db, .next) or each other.
// e2e/start-servers.mjs builds when the build is missing or stale (npm test has built it already,
// alongside lint and typecheck), then starts them all at once.

// Debian's Chromium; Playwright's own browser only when neither exists (scripts/ensure-chromium.mjs
// installs one of them).
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find(
  (candidate): candidate is string => !!candidate && existsSync(candidate),
);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/e2e-artifacts",
  // Files run in parallel, each on its worker's own server; the tests of one file in order.
  fullyParallel: false,
  workers: e2eWorkers,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalTimeout: 10 * 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    // baseURL is the worker's own server: see e2e/fixtures.ts.
    screenshot: "only-on-failure",
    // Every failure keeps its screenshot and error-context.md (the page's ARIA snapshot). Traces
    // (every action with its DOM snapshot, network, console) are recorded, in CI, for the retry of
    // a test that failed, and outside CI (no retries) for every test, kept when it fails. Recording
    // them for every test in CI cost about 10% of the run (the snapshots' resources go through the
    // worker), and the trace's screencast filmstrip about a quarter more (Chromium's GPU process
    // encoding frames), so it is left out everywhere.
    trace: process.env.CI
      ? { mode: "on-first-retry", screenshots: false }
      : { mode: "retain-on-failure", screenshots: false },
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // The gate (npm test, npm run test:e2e): every journey but the screenshot deck.
    { name: "journeys", testIgnore: "deck.spec.ts", use: { ...devices["Desktop Chrome"] } },
    // On demand (npm run screenshots): the numbered deck, light and dark, into screenshots/.
    { name: "deck", testMatch: "deck.spec.ts", use: { ...devices["Desktop Chrome"] } },
  ],
  // One command starts every server at once (e2e/start-servers.mjs) and says when all answer.
  webServer: {
    command: "exec node e2e/start-servers.mjs",
    wait: { stdout: /e2e servers ready/ },
    timeout: 5 * 60_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      E2E_SERVERS: JSON.stringify(e2eServers),
      E2E_REUSE: process.env.CI ? "0" : "1",
      NEXT_DIST_DIR: e2eDistDir,
      NEXT_TELEMETRY_DISABLED: "1",
      // Simulated-time multiplier for moves that do not ask for a speed, so journeys don't wait on
      // the wall clock. Journeys that watch a move's passes ask for a slower one.
      LAB_SPEED: process.env.LAB_SPEED ?? "20",
      // The control API (scenarios, sessions of each role, the lab clock), as docs/testing.md uses it.
      LAB_CONTROL_API: "1",
      // A fixed first instant: a reset brings the lab clock back to it, so the deck's times repeat.
      LAB_CLOCK_START: "2026-11-30T09:00:00Z",
    },
  },
});
