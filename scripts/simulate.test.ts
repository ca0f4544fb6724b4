import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The CLI's contract (README, lib/engine/README.md). Each spawn costs about a second, so there are three. */

const ROOT = join(import.meta.dirname, "..");

function run(args: string[], stdin?: string) {
  // `node --import tsx` is `npx tsx` without npx's start-up cost.
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/simulate.ts", ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const example = {
  memoryBytes: 4294967296,
  pageBytes: 4096,
  dirty: { model: "linear", bytesPerSecond: 33554432, workingSetBytes: 4294967296 },
  link: { bytesPerSecond: 134217728 },
  transport: "raw",
  policy: {
    maxPasses: 10,
    stopBelowBytes: 40265318,
    setupMs: 0,
    switchoverMs: 0,
    cleanupMs: 0,
    deviceStateBytes: 0,
  },
  noise: 0,
  seed: 1,
};

describe("npm run simulate", () => {
  it("prints one JSON object for one migration (lambda = 1/4)", () => {
    const dir = mkdtempSync(join(tmpdir(), "simulate-"));
    const file = join(dir, "in.json");
    writeFileSync(file, JSON.stringify(example));
    const r = run([file]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(
      ["bytesSent", "converged", "downtimeMs", "passList", "passes", "reason", "totalMs"].sort(),
    );
    expect(out.passes).toBe(4);
    expect(out.converged).toBe(true);
    expect(out.totalMs).toBe(42_625);
    expect(out.downtimeMs).toBe(125);
    expect(out.bytesSent).toBe(4294967296 + 1073741824 + 268435456 + 67108864 + 16777216);
    expect(out.passList[1]).toEqual({ bytes: 1073741824, durationMs: 8000, dirtiedBytes: 268435456 });
    expect(out.reason).toMatch(/^The dirty set shrank to 16 MB after 4 passes/);
  });

  it("reads several migrations from stdin and prints events as JSON lines with --events", () => {
    const shared = { ...example, link: { bytesPerSecond: 134217728, id: "lm" } };
    const r = run(["-", "--events"], JSON.stringify({ migrations: [shared, { ...shared, startMs: 5000 }] }));
    expect(r.code).toBe(0);
    const events = r.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const done = events.filter((e) => e.type === "done");
    expect(done.map((e) => e.migrationId).sort()).toEqual(["m1", "m2"]);
    expect(events.some((e) => e.type === "pass" && e.migrationId === "m2")).toBe(true);
    expect(events.some((e) => e.type === "progress")).toBe(true);
    for (const e of events) expect(typeof e.atMs).toBe("number");
  });

  it("exits 2 naming the field on invalid input", () => {
    const bad = { migrations: [example, { ...example, link: { bytesPerSecond: -5 } }] };
    const r = run(["-"], JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("migrations.1.link.bytesPerSecond");
  });
});
