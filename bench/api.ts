// API benchmark: `GET /api/vms?limit=100` on a scaled estate (1,000 hosts, 10,000+ VMs) against the
// bare `GET /api/health` in the same run, both through the production server (`npm start`).
// Target: /api/vms p50 under 15 ms and within 3x of the bare route's p50.
// Then the same route end to end on a second server that needs sign-in (LAB_AUTH=on, a session
// cookie), alternating with the first: two processes, so the difference carries their noise too;
// bench/gate.ts times the session check itself against its 1 ms target.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { baseEnv, runStep, startServer, stopServer } from "./server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCALE = Number(process.env.BENCH_SCALE ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const WARMUP = 100;
const TARGET_P50_MS = 15;
const TARGET_RATIO = 3;

export interface RouteFigures {
  route: string;
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
}

export interface ApiBenchResult {
  scale: number;
  vms: RouteFigures;
  health: RouteFigures;
  ratio: number;
  meetsP50: boolean;
  meetsRatio: boolean;
  session: { local: RouteFigures; signedIn: RouteFigures; addedP50: number };
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function timeRequest(
  url: string,
  check?: (body: string) => void,
  headers: Record<string, string> = {},
): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  check?.(body);
  return elapsed;
}

function figures(route: string, samples: number[]): RouteFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    route,
    requests: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/**
 * The two routes are requested alternately, one request at a time, so that both see the same
 * machine load (other processes, GC, JIT warm-up) and the ratio compares like with like.
 */
async function measurePair(
  a: { url: string; label: string; headers?: Record<string, string> },
  b: { url: string; label: string; headers?: Record<string, string> },
  check?: (body: string) => void,
): Promise<[RouteFigures, RouteFigures]> {
  for (let i = 0; i < WARMUP; i++) {
    await timeRequest(a.url, check, a.headers);
    await timeRequest(b.url, undefined, b.headers);
  }
  const samples: number[] = [];
  const bareSamples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    samples.push(await timeRequest(a.url, check, a.headers));
    bareSamples.push(await timeRequest(b.url, undefined, b.headers));
  }
  return [figures(a.label, samples), figures(b.label, bareSamples)];
}

export async function benchApi(): Promise<ApiBenchResult> {
  const workDir = mkdtempSync(path.join(tmpdir(), "lml-bench-"));
  const url = `file:${path.join(workDir, "bench.db")}`;
  const env = baseEnv({ DATABASE_URL: url });
  const servers: ChildProcess[] = [];
  const onSignal = () => void Promise.all(servers.map(stopServer)).then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    console.log(`bench api: migrating and seeding ${SCALE} hosts into ${url}`);
    await runStep(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], env);
    await runStep(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["prisma/seed.ts", "--scale", String(SCALE)],
      env,
    );

    // start.mjs reuses the production build in .next when the sources have not changed (or builds),
    // finds the database migrated and seeded, and serves it (scripts/serve.mjs).
    const local = await startServer(url, {});
    servers.push(local.server);
    const base = local.base;

    const checkPage = (body: string) => {
      const items = (JSON.parse(body) as { items?: unknown[] }).items;
      if (!Array.isArray(items) || items.length !== 100) {
        throw new Error(`/api/vms?limit=100 returned ${items?.length ?? "no"} items`);
      }
    };
    const route = "/api/vms?limit=100";
    const [vms, health] = await measurePair(
      { url: `${base}${route}`, label: route },
      { url: `${base}/api/health`, label: "/api/health" },
      checkPage,
    );
    const ratio = Math.round((vms.p50 / health.p50) * 100) / 100;

    // The same route through the session check: a second server that needs sign-in.
    const gated = await startServer(url, { LAB_AUTH: "on", LAB_CONTROL_API: "1" }, true);
    servers.push(gated.server);
    // The control API wants an administrator's session on such a lab; the bench writes a Viewer's
    // session into the database as a sign-in would.
    const cookie = await benchSessionCookie(url);
    const [local2, signedIn] = await measurePair(
      { url: `${base}${route}`, label: `${route} local` },
      { url: `${gated.base}${route}`, label: `${route} signed in`, headers: { cookie } },
      checkPage,
    );
    const addedP50 = Math.round((signedIn.p50 - local2.p50) * 100) / 100;
    const result: ApiBenchResult = {
      scale: SCALE,
      vms,
      health,
      ratio,
      meetsP50: vms.p50 < TARGET_P50_MS,
      meetsRatio: ratio <= TARGET_RATIO,
      session: { local: local2, signedIn, addedP50 },
    };

    const row = (f: RouteFigures) =>
      `  ${f.route.padEnd(20)} p50 ${f.p50.toFixed(2).padStart(7)} ms   p90 ${f.p90.toFixed(2).padStart(7)} ms   ` +
      `p99 ${f.p99.toFixed(2).padStart(7)} ms   mean ${f.mean.toFixed(2).padStart(7)} ms   (${f.requests} requests)`;
    console.log(
      `\nAPI benchmark: ${SCALE} hosts, ${SCALE * 10}+ VMs, 1 request at a time, routes alternating, keep-alive`,
    );
    console.log(row(vms));
    console.log(row(health));
    console.log(
      `  target p50 < ${TARGET_P50_MS} ms: ${vms.p50.toFixed(2)} ms ${result.meetsP50 ? "MET" : "MISSED"}; ` +
        `within ${TARGET_RATIO}x of the bare route: ${ratio}x ${result.meetsRatio ? "MET" : "MISSED"}`,
    );
    console.log("\nThe same route on a second server that needs sign-in, alternating with the local one");
    console.log(row(local2));
    console.log(row(signedIn));
    console.log(
      `  difference at p50: ${addedP50.toFixed(2)} ms (two servers; the gate benchmark times the check alone)`,
    );
    mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench", "results", "api.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await Promise.all(servers.map(stopServer));
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** A Viewer's session written straight into the bench database (what a sign-in would make). */
async function benchSessionCookie(url: string): Promise<string> {
  const { createHash, randomBytes } = await import("node:crypto");
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(url.replace(/^file:/, ""));
  try {
    const token = randomBytes(32).toString("base64url");
    const user = sqlite
      .prepare(
        `INSERT INTO "User" ("name", "displayName", "role", "createdAt") VALUES ('bench', 'bench', 'Viewer', ?) RETURNING "id"`,
      )
      .get(prismaDate(Date.now())) as { id: number };
    sqlite
      .prepare(
        `INSERT INTO "Session" ("tokenHash", "userId", "createdAt", "expiresAt", "address") VALUES (?, ?, ?, ?, '127.0.0.1')`,
      )
      .run(
        createHash("sha256").update(token).digest("base64url"),
        user.id,
        Date.now(),
        Date.now() + 3600_000,
      );
    return `lml_session=${token}`;
  } finally {
    sqlite.close();
  }
}

/** A DateTime as Prisma's SQLite adapter stores it. */
const prismaDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
