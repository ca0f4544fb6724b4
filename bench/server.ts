// The production server for the benchmarks that need one: start.mjs for the first (it builds when
// the sources changed, migrates and seeds), `next start` on the same build for a second one.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    ...extra,
  };
}

export function runStep(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited early (code ${server.exitCode})`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${base}/api/health within ${timeoutMs / 1000} s`);
}

/** Stops the server and everything it started (it runs in its own process group). */
export function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return resolve();
    const pid = server.pid;
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    server.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * The first server through start.mjs (it builds when the sources changed); a second one with
 * `next start` on the same build, since start.mjs would migrate a database the first one holds.
 */
export async function startServer(
  url: string,
  extra: Record<string, string>,
  second = false,
): Promise<{ server: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`bench: starting the production server on port ${port} ${JSON.stringify(extra)}`);
  const [command, ...args] = second
    ? [
        path.join(ROOT, "node_modules", ".bin", "next"),
        "start",
        "--port",
        String(port),
        "--hostname",
        "127.0.0.1",
      ]
    : [process.execPath, path.join(ROOT, "scripts", "start.mjs")];
  const server = spawn(command ?? process.execPath, args, {
    cwd: ROOT,
    env: baseEnv({ DATABASE_URL: url, PORT: String(port), ...extra }),
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  await waitForHealth(base, server, 5 * 60_000);
  return { server, base };
}
