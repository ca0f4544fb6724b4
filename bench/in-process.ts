// What the in-process benchmarks (gate, lab) share: each measures in a child process of its own,
// on a fresh migrated database, and hands its figures back as one JSON line.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `fn` with DATABASE_URL on a fresh migrated SQLite file (set before lib/db is imported). */
export async function withBenchDatabase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const workDir = mkdtempSync(path.join(tmpdir(), `lml-bench-${name}-`));
  try {
    const file = path.join(workDir, "bench.db");
    const { default: Database } = await import("better-sqlite3");
    const { prepareSqliteFile } = await import("../lib/testing/sqlite-file");
    const sqlite = new Database(file);
    prepareSqliteFile(sqlite);
    sqlite.close();
    process.env.DATABASE_URL = `file:${file}`;
    return await fn();
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Runs bench/NAME.ts --json in its own process and returns its figures, stored in bench/results. */
export function runInChild<T>(name: string): T {
  const out = execFileSync(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", path.join(ROOT, "bench", `${name}.ts`), "--json"],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const result = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as T;
  mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench", "results", `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** The file's own entry point: `--json` measures (in the child), otherwise the report runs. */
export function benchEntry(moduleUrl: string, measure: () => Promise<unknown>, report: () => unknown): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  if (!process.argv.includes("--json")) {
    report();
    return;
  }
  measure().then(
    (result) => {
      console.log(JSON.stringify(result));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
