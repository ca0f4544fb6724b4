import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // server-only throws outside a React server environment; tests import server modules directly.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: [
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "lib/**/*.test.ts",
      "prisma/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    environment: "node",
    // A fresh migrated SQLite file per test file, set before lib/db.ts reads DATABASE_URL.
    setupFiles: ["./lib/testing/setup-db.ts"],
    // Worker threads, not forked processes: each test file still gets its own module graph and
    // its own DATABASE_URL (a thread's process.env is its own copy), without starting a Node
    // process per file (about 10% less CPU and wall time for the suite on 2 cores).
    pool: "threads",
    // Every core: vitest's default leaves one for its main process, which idles while the forks
    // run (on 2 cores that meant one file at a time). npm test runs nothing else beside it.
    maxWorkers: availableParallelism(),
    testTimeout: 20000,
  },
});
