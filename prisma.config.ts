import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// Without DATABASE_URL Prisma falls back to its native engine and tries a download it cannot make
// here (docs/architecture.md, "Stack traps").
process.env.DATABASE_URL ??= "file:./dev.db";

// The wasm schema engine keeps a long timer that holds the CLI open ~60 s after success.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutOriginal(handler, ms, ...args);
  if ((ms ?? 0) >= 30_000) timer.unref();
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./dev.db" });
  },
});
