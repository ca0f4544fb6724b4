// Page weight: the JavaScript each main page loads before it can be used (its first load), measured
// in Chromium against a production server, raw and gzip-compressed (level 9, what a gateway
// in front of `next start` would serve). Each page opens in a fresh browser context, so nothing is
// cached from the previous one.
// Targets: All connections and the VM inventory under 200 KiB gzip; the migration page under 350 KiB.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { startServer, stopServer } from "./server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const KIB = 1024;

export interface PageWeight {
  page: string;
  path: string;
  scripts: number;
  rawKiB: number;
  gzipKiB: number;
  targetKiB?: number;
  meets?: boolean;
}

interface PageSpec {
  page: string;
  path: string;
  /** Text that shows once the page has rendered its data. */
  ready: string;
  targetKiB?: number;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return JSON.parse(body) as T;
}

/** The demo estate's ids, and a finished move of WEB01 to open on the migration page. */
async function pagesOf(base: string): Promise<PageSpec[]> {
  const hosts = await json<{ items: { id: number; name: string }[] }>(`${base}/api/hosts?limit=100`);
  const clusters = await json<{ items: { id: number; name: string }[] }>(`${base}/api/clusters`);
  const vms = await json<{ items: { id: number; name: string; host: { id: number } }[] }>(
    `${base}/api/vms?limit=500`,
  );
  const hv1 = hosts.items.find((h) => h.name === "HV1");
  const hv2 = hosts.items.find((h) => h.name === "HV2");
  const cluster = clusters.items[0];
  const web01 = vms.items.find((v) => v.name === "WEB01");
  if (!hv1 || !hv2 || !cluster || !web01)
    throw new Error("the demo estate lacks HV1, HV2, a cluster or WEB01");
  const started = await json<{ id: number }>(`${base}/api/migrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      vmId: web01.id,
      kind: "live",
      destinationHostId: web01.host.id === hv1.id ? hv2.id : hv1.id,
      startedFrom: "admin-center",
      speed: 1000,
    }),
  });
  for (let i = 0; i < 600; i++) {
    const { status } = await json<{ status: string }>(`${base}/api/migrations/${started.id}`);
    if (status !== "queued" && status !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [
    { page: "All connections", path: "/", ready: "All connections", targetKiB: 200 },
    { page: "Server overview", path: `/servers/${hv1.id}`, ready: "HV1" },
    { page: "VM inventory (server)", path: `/servers/${hv1.id}/vms`, ready: "Inventory", targetKiB: 200 },
    { page: "Cluster dashboard", path: `/clusters/${cluster.id}`, ready: cluster.name },
    {
      page: "VM inventory (cluster)",
      path: `/clusters/${cluster.id}/vms`,
      ready: "Inventory",
      targetKiB: 200,
    },
    { page: "VM details", path: `/vms/${web01.id}`, ready: "WEB01" },
    { page: "Migration history", path: "/migrations", ready: "WEB01" },
    { page: "Migration", path: `/migrations/${started.id}`, ready: "Pre-copy passes", targetKiB: 350 },
  ];
}

async function measure(base: string, specs: PageSpec[]): Promise<PageWeight[]> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const browser = await chromium.launch({ executablePath });
  const bodies = new Map<string, Buffer>();
  try {
    const results: PageWeight[] = [];
    for (const spec of specs) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts = new Set<string>();
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") scripts.add(response.url());
      });
      await page.goto(`${base}${spec.path}`, { waitUntil: "load" });
      await page.getByText(spec.ready).first().waitFor({ timeout: 30_000 });
      let raw = 0;
      let gzip = 0;
      for (const url of scripts) {
        let body = bodies.get(url);
        if (!body) {
          body = Buffer.from(await (await fetch(url)).arrayBuffer());
          bodies.set(url, body);
        }
        raw += body.length;
        gzip += gzipSync(body, { level: 9 }).length;
      }
      await context.close();
      const round = (bytes: number) => Math.round((bytes / KIB) * 10) / 10;
      const gzipKiB = round(gzip);
      results.push({
        page: spec.page,
        path: spec.path,
        scripts: scripts.size,
        rawKiB: round(raw),
        gzipKiB,
        targetKiB: spec.targetKiB,
        meets: spec.targetKiB === undefined ? undefined : gzipKiB < spec.targetKiB,
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}

export async function benchPageWeight(): Promise<PageWeight[]> {
  const workDir = mkdtempSync(path.join(tmpdir(), "lml-bench-pages-"));
  const url = `file:${path.join(workDir, "pages.db")}`;
  let server: ChildProcess | undefined;
  try {
    const started = await startServer(url, {});
    server = started.server;
    const results = await measure(started.base, await pagesOf(started.base));
    console.log("\nPage weight: JavaScript loaded by the first visit to each page (fresh browser context)");
    for (const r of results) {
      const target =
        r.targetKiB === undefined ? "" : `   target < ${r.targetKiB} KiB: ${r.meets ? "MET" : "MISSED"}`;
      console.log(
        `  ${r.page.padEnd(24)} ${String(r.scripts).padStart(3)} scripts ` +
          `${r.rawKiB.toFixed(1).padStart(8)} KiB raw ${r.gzipKiB.toFixed(1).padStart(7)} KiB gzip${target}`,
      );
    }
    mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    writeFileSync(
      path.join(ROOT, "bench", "results", "page-weight.json"),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    return results;
  } finally {
    if (server) await stopServer(server);
    rmSync(workDir, { recursive: true, force: true });
  }
}
