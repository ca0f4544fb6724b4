// Drain benchmark: drain HV1 holding 200 roles (the drain-200 scenario: 205 roles of every priority)
// at 1000x through the production server (`npm start`), and report
//   - the wall time from POST /api/hosts/:id/suspend to the drain's end;
//   - the server's CPU time (all its processes, /proc) per event the drain stored;
//   - the time to render the cluster's VM grid (page load to "N of N items") while the drain runs,
//     against the same with the lab idle. Target: within 1.5x of idle.
// The drain runs twice on a fresh reset: once alone (wall time and CPU), once while a browser keeps
// rendering the grid (its render times).
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";
import { startServer, stopServer } from "./server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SPEED = 1000;
const IDLE_ROUNDS = Number(process.env.BENCH_DRAIN_IDLE_ROUNDS ?? 9);
const TARGET_RATIO = 1.5;
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

export interface DrainBenchResult {
  roles: number;
  speed: number;
  wallMs: number;
  status: string;
  events: number;
  cpuMs: number;
  cpuMsPerEvent: number;
  grid: {
    vms: number;
    idleMedianMs: number;
    idleRuns: number;
    drainingMedianMs: number;
    drainingRuns: number;
  };
  ratio: number;
  meetsRatio: boolean;
}

/**
 * One request on a connection of its own (node:http, no keep-alive): a pooled connection that sat
 * idle while the browser measured can be closed by the server just as it is reused.
 */
function json<T>(url: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = httpRequest(
      url,
      {
        method: payload === undefined ? "GET" : "POST",
        agent: false,
        headers: payload === undefined ? {} : { "content-type": "application/json" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300)
            reject(new Error(`${url} answered ${status}: ${text.slice(0, 300)}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

const post = <T>(url: string, body: unknown) => json<T>(url, body);

/** CPU time (user + system, ms) of every process in the server's process group. */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name (field 2) may hold spaces: fields after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
      ticks += Number(fields[11]) + Number(fields[12]); // fields 14, 15: utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** One render of the cluster's VM inventory: navigation until the grid reports every VM loaded. */
async function renderGrid(page: Page, base: string, vms: number): Promise<number> {
  const started = performance.now();
  await page.goto(`${base}/clusters/1/vms`, { waitUntil: "commit" });
  await page.getByText(new RegExp(`^${vms} of ${vms} items`)).waitFor({ timeout: 60_000 });
  await page.getByRole("table", { name: "Virtual machines" }).getByRole("row").nth(1).waitFor();
  return performance.now() - started;
}

async function resetDrainEstate(base: string): Promise<{ hv1: number; vms: number }> {
  await post(`${base}/api/lab/reset`, { scenario: "drain-200" });
  const hosts = await json<{ items: { id: number; name: string }[] }>(`${base}/api/hosts?limit=100`);
  const hv1 = hosts.items.find((h) => h.name === "HV1")?.id;
  if (!hv1) throw new Error("the drain-200 scenario has no HV1");
  const vms = await json<{ total: number }>(`${base}/api/vms?clusterId=1&limit=1`);
  return { hv1, vms: vms.total };
}

/** Starts the drain and waits for its end (polling the node, a light read); the wall time and status. */
async function drain(base: string, hv1: number): Promise<{ id: number; wallMs: number; status: string }> {
  const started = performance.now();
  const { drainId } = await post<{ drainId: number }>(`${base}/api/hosts/${hv1}/suspend`, {
    drain: true,
    speed: SPEED,
  });
  for (;;) {
    const node = await json<{ drain: { status: string } }>(`${base}/api/hosts/${hv1}`);
    if (node.drain.status !== "InProgress") {
      return { id: drainId, wallMs: performance.now() - started, status: node.drain.status };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function measure(base: string, pgid: number): Promise<DrainBenchResult> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const page = await (await browser.newContext()).newPage();
    const estate = await resetDrainEstate(base);
    // Idle: the same page rendered again and again on a warm browser (the first two warm up).
    const idle: number[] = [];
    for (let i = 0; i < IDLE_ROUNDS + 2; i++) {
      const ms = await renderGrid(page, base, estate.vms);
      if (i >= 2) idle.push(ms);
    }

    // The drain alone: wall time, and the server's CPU per stored event.
    const cpuBefore = groupCpuMs(pgid);
    const alone = await drain(base, estate.hv1);
    const cpuMs = groupCpuMs(pgid) - cpuBefore;
    const moves = await json<{ items: { lastSeq: number }[] }>(`${base}/api/migrations?limit=1000`);
    const events = moves.items.reduce((sum, m) => sum + m.lastSeq, 0);
    const detail = await json<{ moves: unknown[] }>(`${base}/api/drains/${alone.id}`);

    // The drain again, with the grid rendered over and over while it runs.
    const again = await resetDrainEstate(base);
    await renderGrid(page, base, again.vms); // warm after the reset
    const during: number[] = [];
    let running = true;
    const drained = drain(base, again.hv1).finally(() => {
      running = false;
    });
    while (running) during.push(await renderGrid(page, base, again.vms));
    await drained;

    const idleMedianMs = median(idle);
    const drainingMedianMs = median(during);
    const ratio = Math.round((drainingMedianMs / idleMedianMs) * 100) / 100;
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      roles: detail.moves.length,
      speed: SPEED,
      wallMs: Math.round(alone.wallMs),
      status: alone.status,
      events,
      cpuMs: Math.round(cpuMs),
      cpuMsPerEvent: Math.round((cpuMs / Math.max(1, events)) * 1000) / 1000,
      grid: {
        vms: estate.vms,
        idleMedianMs: round(idleMedianMs),
        idleRuns: idle.length,
        drainingMedianMs: round(drainingMedianMs),
        drainingRuns: during.length,
      },
      ratio,
      meetsRatio: ratio <= TARGET_RATIO,
    };
  } finally {
    await browser.close();
  }
}

export async function benchDrain(): Promise<DrainBenchResult> {
  const workDir = mkdtempSync(path.join(tmpdir(), "lml-bench-drain-"));
  const url = `file:${path.join(workDir, "drain.db")}`;
  let server: ChildProcess | undefined;
  try {
    const started = await startServer(url, { LAB_CONTROL_API: "1", LAB_SPEED: String(SPEED) });
    server = started.server;
    if (server.pid === undefined) throw new Error("the server has no pid");
    const result = await measure(started.base, server.pid);
    console.log(
      `\nDrain benchmark: HV1 drained of ${result.roles} roles at ${result.speed}x (production server)`,
    );
    console.log(`  wall time ${(result.wallMs / 1000).toFixed(2)} s, drain ${result.status}`);
    console.log(
      `  server CPU ${(result.cpuMs / 1000).toFixed(2)} s for ${result.events} stored events: ${result.cpuMsPerEvent} ms per event`,
    );
    console.log(
      `  VM grid (${result.grid.vms} VMs) render: idle median ${result.grid.idleMedianMs} ms (${result.grid.idleRuns} runs), ` +
        `during the drain median ${result.grid.drainingMedianMs} ms (${result.grid.drainingRuns} runs): ${result.ratio}x ` +
        `(target within ${TARGET_RATIO}x) ${result.meetsRatio ? "MET" : "MISSED"}`,
    );
    mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench", "results", "drain.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    if (server) await stopServer(server);
    rmSync(workDir, { recursive: true, force: true });
  }
}
