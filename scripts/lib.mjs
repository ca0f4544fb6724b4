// Shared helpers for the plain-Node scripts (start, test, prepare-db). No dependencies: these run
// before `npm install` has happened.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Environment every step runs with: no telemetry, no update checks (closed network). */
export function baseEnv(extra = {}) {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    DATABASE_URL: process.env.DATABASE_URL || "file:./dev.db",
    ...extra,
  };
  return env;
}

export function log(message) {
  console.log(`\x1b[36m[lml]\x1b[0m ${message}`);
}

export function fail(message) {
  console.error(`\x1b[31m[lml] ${message}\x1b[0m`);
  process.exit(1);
}

/** Path of an installed CLI in node_modules/.bin. */
export function bin(name) {
  return path.join(ROOT, "node_modules", ".bin", name);
}

const children = new Set();

/** Spawns a child whose lifetime this process follows (see forwardSignals). */
export function spawnTracked(command, args, options = {}) {
  const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: baseEnv(), ...options });
  children.add(child);
  child.on("exit", () => children.delete(child));
  child.on("error", () => children.delete(child));
  return child;
}

/**
 * Ctrl-C or `kill <pid>` reaches the running step too: the signal is passed to every live child
 * and this process leaves when they have gone (run/runOrDie see their exit).
 */
export function forwardSignals() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (children.size === 0) process.exit(130);
      for (const child of children) child.kill(signal);
    });
  }
}

/** Copies a stream to `out` line by line, each line behind `prefix` (steps that run side by side). */
export function prefixLines(stream, out, prefix) {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) out.write(`${prefix} ${line}\n`);
  });
  stream.on("end", () => {
    if (rest) out.write(`${prefix} ${rest}\n`);
  });
}

/**
 * Runs a command with inherited stdio; resolves to its exit code (signals count as failure).
 * With `prefix`, its output goes through line by line behind the prefix, and stdin is closed.
 * With `nice` (1-19), it and the processes it starts yield the CPU to everything else.
 */
export function run(command, args, { prefix, nice, ...options } = {}) {
  return new Promise((resolve) => {
    const child = spawnTracked(
      command,
      args,
      prefix ? { stdio: ["ignore", "pipe", "pipe"], ...options } : options,
    );
    if (nice && child.pid) {
      try {
        setPriority(child.pid, nice);
      } catch {
        // Not allowed here: it runs at the usual priority.
      }
    }
    if (prefix) {
      prefixLines(child.stdout, process.stdout, prefix);
      prefixLines(child.stderr, process.stderr, prefix);
    }
    child.on("error", (error) => {
      console.error(`[lml] could not run ${command}: ${error.message}`);
      resolve(127);
    });
    // With piped output, "close" comes once the last line is through as well.
    child.on(prefix ? "close" : "exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command and exits this process when it fails. */
export async function runOrDie(command, args, options = {}) {
  const code = await run(command, args, options);
  if (code !== 0) fail(`${path.basename(command)} ${args.join(" ")} failed (exit ${code})`);
}

export function sha256(...parts) {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

export function hashFile(file) {
  return existsSync(file) ? sha256(readFileSync(file)) : "missing";
}

export function readStamp(file) {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}

export function writeStamp(file, value) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${value}\n`);
}

/** The SQLite file a `file:` DATABASE_URL points at (relative paths are from the repo root). */
export function sqlitePath(url) {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL, got ${url}`);
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  return path.resolve(ROOT, file);
}

// Files that cannot change what `next build` produces: tests, docs, tooling of other commands.
const NOT_BUILD_INPUT = [
  /^e2e\//,
  /^bench\//,
  /^\.ci\//,
  /^docs\//,
  /^scripts\//,
  /^test-results\//,
  /\.test\.tsx?$/,
  /\.md$/,
  /^playwright\.config\.ts$/,
  /^vitest\.config\.ts$/,
  /^biome\.json$/,
  /^lib\/testing\//,
];

// Folders never walked when git is not available.
const SKIP_DIRS = new Set([
  "node_modules",
  ".git",
  "generated",
  "test-results",
  "playwright-report",
  "coverage",
]);

function listSourceFiles() {
  // Tracked files plus untracked ones that are not ignored: work in progress builds too.
  const git = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (git.status === 0) return git.stdout.split("\0").filter(Boolean);
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".next")) walk(rel);
      } else if (entry.isFile() && !/\.db(-wal|-shm|-journal)?$/.test(entry.name)) files.push(rel);
    }
  };
  walk("");
  return files;
}

/** Hash of everything `next build` reads: sources, configs, the lockfile, NEXT_PUBLIC_* env. */
export function sourceHash() {
  const hash = createHash("sha256");
  const files = listSourceFiles()
    .filter((file) => !NOT_BUILD_INPUT.some((pattern) => pattern.test(file)))
    .sort();
  for (const file of files) {
    const full = path.join(ROOT, file);
    // A deleted-but-tracked file is simply absent from the build.
    if (!existsSync(full) || !statSync(full).isFile()) continue;
    hash.update(file);
    hash.update("\0");
    hash.update(readFileSync(full));
    hash.update("\0");
  }
  for (const key of Object.keys(process.env).sort()) {
    if (key.startsWith("NEXT_PUBLIC_")) hash.update(`${key}=${process.env[key]}\0`);
  }
  return hash.digest("hex");
}

/**
 * LAB_HOST, the address the server listens on: 127.0.0.1 unless asked (this machine only, no
 * sign-in); 0.0.0.0 or another address opens the lab to the network, and sign-in is required.
 */
export function labHost() {
  const host = (process.env.LAB_HOST || "127.0.0.1").trim().replace(/^\[|\]$/g, "");
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(host))
    fail(`LAB_HOST must be an address such as 127.0.0.1 or 0.0.0.0, got ${host}`);
  return host;
}
