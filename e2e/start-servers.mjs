// The e2e servers (e2e/servers.ts), started all at once: Playwright starts the entries of its
// webServer list one after another, each once the one before answers, so the servers' start-ups
// (migrate, seed, next start: a few seconds each, mostly one core) used to add up. What they share
// is done once here first (install, Prisma client, the build into NEXT_DIST_DIR), so no two of
// them ever run npm ci or next build side by side; then each runs `scripts/start.mjs --fresh-db`
// on its own port and database, and this prints "e2e servers ready" (playwright.config.ts waits
// for that line) once every one answers /api/health. It leaves when any server leaves, taking the
// others with it.
//   E2E_SERVERS  JSON [{ port, url, databaseUrl }] (playwright.config.ts passes e2eServers)
//   E2E_REUSE    "1": a server already answering on its port is used as it is (not in CI)
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "../scripts/ensure-build.mjs";
import { ensureGenerate, ensureInstall } from "../scripts/ensure-install.mjs";
import { prefixLines } from "../scripts/lib.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const servers = JSON.parse(process.env.E2E_SERVERS ?? "[]");
const reuse = process.env.E2E_REUSE === "1";

async function answers(url) {
  try {
    return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

const children = [];
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (children.length === 0) process.exit(130);
    for (const child of children) child.kill(signal);
  });
}

await ensureInstall();
await ensureGenerate();
await ensureBuild();

for (const server of servers) {
  if (await answers(server.url)) {
    if (!reuse) {
      console.error(
        `[e2e] ${server.url} is already used: stop what runs there, or run outside CI to reuse it`,
      );
      process.exit(1);
    }
    console.log(`[e2e] ${server.url} already answers: reusing it`);
    continue;
  }
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--fresh-db"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(server.port), DATABASE_URL: server.databaseUrl },
  });
  prefixLines(child.stdout, process.stdout, `[${server.port}]`);
  prefixLines(child.stderr, process.stderr, `[${server.port}]`);
  child.on("exit", (code, signal) => {
    for (const other of children) if (other !== child && other.exitCode === null) other.kill("SIGTERM");
    process.exitCode = code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1);
  });
  children.push(child);
}

// Nothing of its own to wait for when every server was reused: stay until Playwright stops it.
if (children.length === 0) setInterval(() => {}, 60_000);

const started = Date.now();
while (!(await Promise.all(servers.map((server) => answers(server.url)))).every(Boolean)) {
  if (children.some((child) => child.exitCode !== null)) break; // the exit handler reports it
  await new Promise((resolve) => setTimeout(resolve, 100));
}
if (children.every((child) => child.exitCode === null)) {
  console.log(
    `[e2e] e2e servers ready: ${servers.map((s) => s.url).join(", ")} (${Math.round((Date.now() - started) / 100) / 10} s)`,
  );
}
