import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// The e2e server: its own port, its own SQLite file (deleted, migrated and seeded on every start)
// and its own build folder, so it never fights `npm start` (port 3000, dev.db, .next).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium (docs/architecture.md, "Stack traps"); Playwright's own browser only when neither exists
// (scripts/ensure-chromium.mjs installs one of them).
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find(
  (candidate): candidate is string => !!candidate && existsSync(candidate),
);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalTimeout: 10 * 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
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
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "exec node scripts/start.mjs --fresh-db",
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 5 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      // Overridable so that two local runs (different E2E_PORT) do not share a build or a database.
      DATABASE_URL: `file:./e2e/.output/${process.env.E2E_NAME ?? "e2e"}.db`,
      NEXT_DIST_DIR: `.next-${process.env.E2E_NAME ?? "e2e"}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // Simulated-time multiplier for the migration runner, so journeys don't wait on the wall clock.
      LAB_SPEED: process.env.LAB_SPEED ?? "20",
    },
  },
});
