/**
 * Stream benchmark: 500 subscribers to one migration's event stream at 100 events/s,
 * delivery latency through our real route handler against a bare node:http event-stream server
 * in the same run (target: p50 and p99 both within 1.5x), the server CPU it takes to open the 500
 * streams to their snapshot, then server memory over 10,000 connect/disconnect cycles. Run: npx tsx --conditions=react-server --expose-gc bench/stream.ts
 *
 * Our side is in-process, in two ways, each a node:http server:
 * - "ours", what `npm start` serves (scripts/serve.mjs): the request goes to lib/http/native.ts,
 *   which runs `GET` from app/api/migrations/[id]/events/route.ts, and the stream writes its
 *   frames straight to the socket;
 * - "through Next's piping", for comparison (what `next dev` or `next start` would do): the same
 *   GET, its Response body piped to the socket through a WritableStream as Next's
 *   pipeToNodeResponse does, inside an AsyncLocalStorage context as Next runs each request.
 * Promise hooks are on for the whole process, as in a Next server (its AsyncLocalStorage).
 * Events are produced as the service produces them: a runner step that changes only the move's
 * own row goes through appendLightSteps (one synchronous SQLite transaction under the write lock,
 * published as soon as it commits); the final `done` through appendEvents in writeTransaction,
 * then `bus.publish`, in runner-like steps. Latency runs from the moment an event is due to the
 * moment a client has the frame. The clients run in a child process, so that parsing 50,000
 * frames a second does not steal the server's event loop, and the server's heap and RSS are its own.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { CHANNEL } from "../lib/hyperv/vocabulary";
import { prepareSqliteFile } from "../lib/testing/sqlite-file";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SUBSCRIBERS = Number(process.env.BENCH_STREAM_SUBSCRIBERS ?? 500);
const RATE = Number(process.env.BENCH_STREAM_RATE ?? 100);
/** Each server gets ROUNDS rounds, alternating, so both see the same background load. */
const ROUNDS = Number(process.env.BENCH_STREAM_ROUNDS ?? 2);
const MEASURED_PER_ROUND = Number(process.env.BENCH_STREAM_EVENTS ?? 500);
const WARMUP_PER_ROUND = Number(process.env.BENCH_STREAM_WARMUP ?? 200);
const CYCLES = Number(process.env.BENCH_STREAM_CYCLES ?? 10_000);
const CYCLE_WARMUP = 1_000;
const CYCLE_CONCURRENCY = 50;
const TARGET_RATIO = 1.5;
/**
 * heapUsed after 10,000 cycles may exceed the figure after the 1,000-cycle warm-up by at most this
 * much: 2 MiB over 9,000 cycles is 233 bytes a connection, far less than a leaked bus listener with
 * its stream and request (KiBs each), while the GC-settled heap moves by 0.1-0.3 MiB here.
 */
const HEAP_GROWTH_LIMIT_MIB = 2;
const MARK = "bench event ";
const ROLE_ENV = "LML_BENCH_STREAM_ROLE";
const FRAME_END = Buffer.from("\n\n");
const MARK_BYTES = Buffer.from(MARK);
const SNAPSHOT = Buffer.from("event: snapshot");

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

/** Milliseconds on a clock both processes share (the epoch, at performance.now() resolution). */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round2 = (n: number) => Math.round(n * 100) / 100;
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 100) / 100;

export interface LatencyFigures {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface ServerFigures extends LatencyFigures {
  delivered: number;
  expected: number;
  outOfOrder: number;
  /** CPU of this process (server, and our store) and of the client process over the rounds. */
  serverCpuPercent: number;
  clientCpuPercent: number;
  /** Server CPU per frame delivered to one subscriber: the figure least bent by other load. */
  serverCpuUsPerFrame: number;
  /** Server CPU and wall time to open all the subscribers' streams to their snapshot, per round. */
  openCpuMs: number;
  openWallMs: number;
}

export interface MemoryPoint {
  cycles: number;
  heapUsedMiB: number;
  rssMiB: number;
  externalMiB: number;
}

export interface StreamBenchResult {
  subscribers: number;
  eventsPerSecond: number;
  rounds: number;
  measuredEventsPerServer: number;
  warmupEventsPerRound: number;
  clients: string;
  /** The client process's clock minus ours, subtracted from every latency; +- the uncertainty. */
  clockOffsetMs: number;
  clockUncertaintyMs: number;
  /** Bus subscriptions left once every round's streams have ended (must be 0). */
  listenersAfterRounds: number;
  ours: ServerFigures;
  /** The same route, its Response piped through web streams as Next does (not the target). */
  nextPiping: ServerFigures;
  bare: ServerFigures;
  /** Ours only: from the event being due to bus.publish (appendLightSteps: stored, then published). */
  store: LatencyFigures;
  /** os.loadavg() at the start and the end: the 2 cores are shared with whatever else runs. */
  loadAverage: { start: number[]; end: number[] };
  ratioP50: number;
  ratioP99: number;
  nextPipingRatioP50: number;
  nextPipingRatioP99: number;
  targetRatio: number;
  meetsRatio: boolean;
  /**
   * The bare server's median within one event interval. When it is not, the machine was short of
   * CPU and the ratio tells more about the load than about our stack: compare CPU per frame.
   */
  bareKeptUp: boolean;
  memory: {
    cycles: number;
    concurrency: number;
    failures: number;
    points: MemoryPoint[];
    heapGrowthMiB: number;
    heapGrowthLimitMiB: number;
    listenersAfter: number;
    openConnectionsAfter: number;
    noGrowth: boolean;
  };
}

function percentile(sorted: Float64Array, p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function latencyFigures(samples: Float64Array): LatencyFigures {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const s of sorted) sum += s;
  return {
    samples: sorted.length,
    p50: round2(percentile(sorted, 50)),
    p90: round2(percentile(sorted, 90)),
    p99: round2(percentile(sorted, 99)),
    max: round2(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round2(sum / sorted.length),
  };
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---- the client process ------------------------------------------------------------------------

type ToClient =
  | { type: "ping" }
  | {
      type: "open";
      port: number;
      path: string;
      count: number;
      warmup: number;
      measured: number;
      offset: number;
    }
  | { type: "cycles"; port: number; path: string; count: number; concurrency: number }
  | { type: "exit" };

type FromClient =
  | { type: "pong"; at: number }
  | { type: "opened"; failures: number }
  | { type: "ended"; latencies: Float64Array; delivered: number; outOfOrder: number; cpuMs: number }
  | { type: "cycled"; failures: number }
  | { type: "error"; message: string };

function clientProcess(): void {
  const reply = (message: FromClient) => process.send?.(message);

  /** Opens `count` streams; reports when each has its snapshot, then when all have ended. */
  function openStreams(m: Extract<ToClient, { type: "open" }>): void {
    const latencies = new Float64Array(m.count * m.measured);
    let recorded = 0;
    let delivered = 0;
    let outOfOrder = 0;
    let ready = 0;
    let ended = 0;
    let failures = 0;
    let cpuAtOpen = process.cpuUsage();
    const settle = () => {
      if (ready + failures !== m.count) return;
      cpuAtOpen = process.cpuUsage();
      reply({ type: "opened", failures });
    };
    for (let i = 0; i < m.count; i++) {
      let next = 0;
      let gotSnapshot = false;
      const request = http.get(
        { host: "127.0.0.1", port: m.port, path: m.path, agent: false },
        (response) => {
          if (response.statusCode !== 200) {
            failures++;
            response.resume();
            settle();
            return;
          }
          let pending: Buffer | undefined;
          response.on("data", (chunk: Buffer) => {
            const at = now();
            const buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
            let from = 0;
            for (let cut = buffer.indexOf(FRAME_END, from); cut >= 0; cut = buffer.indexOf(FRAME_END, from)) {
              const frame = buffer.subarray(from, cut);
              from = cut + FRAME_END.length;
              if (!gotSnapshot) {
                if (frame.indexOf(SNAPSHOT) >= 0) {
                  gotSnapshot = true;
                  ready++;
                  settle();
                }
                continue;
              }
              const mark = frame.indexOf(MARK_BYTES);
              if (mark < 0) continue;
              // "bench event <n> sent at <ms>" inside the log message.
              const start = mark + MARK_BYTES.length;
              const rest = frame.toString("latin1", start, Math.min(frame.length, start + 48));
              const n = Number.parseInt(rest, 10);
              const sentAt = Number.parseFloat(rest.slice(rest.indexOf(" sent at ") + 9));
              if (n !== next) outOfOrder++;
              next = n + 1;
              delivered++;
              if (n >= m.warmup && recorded < latencies.length)
                latencies[recorded++] = at - m.offset - sentAt;
            }
            pending = from < buffer.length ? buffer.subarray(from) : undefined;
          });
          response.on("end", () => {
            ended++;
            if (ended === m.count) {
              const cpu = process.cpuUsage(cpuAtOpen);
              reply({
                type: "ended",
                latencies: latencies.subarray(0, recorded),
                delivered,
                outOfOrder,
                cpuMs: (cpu.user + cpu.system) / 1000,
              });
            }
          });
        },
      );
      request.on("error", (error) => reply({ type: "error", message: `stream ${i}: ${error.message}` }));
    }
  }

  /** One connect: wait for the whole snapshot frame, then drop the connection. */
  function cycle(port: number, path: string): Promise<boolean> {
    return new Promise((resolve) => {
      const request = http.get({ host: "127.0.0.1", port, path, agent: false }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          resolve(false);
          return;
        }
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
          const at = text.indexOf("event: snapshot");
          if (at >= 0 && text.indexOf("\n\n", at) >= 0) {
            request.destroy();
            resolve(true);
          }
        });
        response.on("end", () => resolve(false));
      });
      request.on("error", () => resolve(false));
    });
  }

  async function cycles(m: Extract<ToClient, { type: "cycles" }>): Promise<void> {
    let started = 0;
    let failures = 0;
    const worker = async () => {
      while (started < m.count) {
        started++;
        if (!(await cycle(m.port, m.path))) failures++;
      }
    };
    await Promise.all(Array.from({ length: m.concurrency }, worker));
    reply({ type: "cycled", failures });
  }

  process.on("message", (message: ToClient) => {
    switch (message.type) {
      case "ping":
        reply({ type: "pong", at: now() });
        break;
      case "open":
        openStreams(message);
        break;
      case "cycles":
        void cycles(message);
        break;
      case "exit":
        process.exit(0);
    }
  });
  // The parent went away (Ctrl-C, crash): nothing left to measure.
  process.on("disconnect", () => process.exit(0));
}

// ---- the server side ---------------------------------------------------------------------------

/** The client process, driven by messages; every wait fails on an error, an exit or a timeout. */
class Clients {
  private waiting: {
    type: FromClient["type"];
    resolve: (m: FromClient) => void;
    reject: (e: Error) => void;
  }[] = [];

  constructor(readonly child: ChildProcess) {
    child.on("message", (message: FromClient) => {
      if (message.type === "error") return this.fail(new Error(`bench clients: ${message.message}`));
      const i = this.waiting.findIndex((w) => w.type === message.type);
      const [w] = i >= 0 ? this.waiting.splice(i, 1) : [];
      w?.resolve(message);
    });
    child.on("exit", (code) => this.fail(new Error(`bench clients exited (${code})`)));
  }

  private fail(error: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  request<T extends FromClient["type"]>(
    message: ToClient,
    answer: T,
    timeoutMs?: number,
  ): Promise<Extract<FromClient, { type: T }>> {
    const answered = this.wait(answer, timeoutMs);
    this.child.send(message);
    return answered;
  }

  /** The next message of type `answer` (registered before the event that causes it). */
  wait<T extends FromClient["type"]>(
    answer: T,
    timeoutMs = 120_000,
  ): Promise<Extract<FromClient, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== entry);
        reject(new Error(`bench clients: no "${answer}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const entry = {
        type: answer,
        resolve: (m: FromClient) => {
          clearTimeout(timer);
          resolve(m as Extract<FromClient, { type: T }>);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiting.push(entry);
    });
  }

  /**
   * Offset of the child's clock from ours, from the ping with the shortest round trip (each
   * process maps performance.now() to the epoch once, at start: they can differ by ms under load).
   */
  async clockOffset(): Promise<{ offset: number; uncertainty: number }> {
    let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
    for (let i = 0; i < 50; i++) {
      const sent = now();
      const { at } = await this.request({ type: "ping" }, "pong");
      const back = now();
      if (back - sent < best.rtt) best = { rtt: back - sent, offset: at - (sent + back) / 2 };
    }
    return { offset: best.offset, uncertainty: best.rtt / 2 };
  }
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/** What Next's pipeToNodeResponse does: flush headers on the first chunk, honour backpressure. */
function writerTo(res: http.ServerResponse): WritableStream<Uint8Array> {
  let started = false;
  let drained: (() => void) | undefined;
  // One listener each for the whole response, as Next has, not one per backpressured write.
  res.on("drain", () => drained?.());
  res.once("close", () => drained?.());
  return new WritableStream<Uint8Array>({
    async write(chunk) {
      if (!started) {
        started = true;
        res.flushHeaders();
      }
      if (!res.write(chunk) && !res.destroyed) await new Promise<void>((resolve) => (drained = resolve));
    },
    abort() {
      if (!res.writableFinished) res.destroy();
    },
    close() {
      if (!res.writableFinished) res.end();
    },
  });
}

function requestOf(req: http.IncomingMessage, base: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else for (const v of value ?? []) headers.append(name, v);
  }
  return new Request(new URL(req.url ?? "/", base), { method: req.method, headers, signal });
}

interface Due {
  n: number;
  /** When the event is due: the wall-clock time its simulated time maps to. */
  at: number;
}

/**
 * Emits events n = 0..total-1 due at RATE per second. Like the runner (lib/migrations/runner.ts),
 * a step takes every event due by now and the next step waits for it: when the store is slower
 * than the rate, events go in batches rather than queueing one transaction each.
 */
async function paced(total: number, emit: (batch: Due[]) => Promise<void> | void): Promise<void> {
  const interval = 1000 / RATE;
  const start = now() + 20;
  let n = 0;
  while (n < total) {
    const wait = start + n * interval - now();
    if (wait > 0) await sleep(wait);
    const t = now();
    const batch: Due[] = [];
    for (; n < total && start + n * interval <= t; n++) batch.push({ n, at: start + n * interval });
    await emit(batch);
  }
}

async function gcSettled(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc ?? exposeGc();
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

/** Without --expose-gc, V8 still hands gc out to a new context once the flag is set. */
function exposeGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

export async function benchStream(): Promise<StreamBenchResult> {
  const loadAtStart = loadavg();
  const workDir = mkdtempSync(path.join(tmpdir(), "lml-bench-stream-"));
  const file = path.join(workDir, "bench.db");
  let child: ChildProcess | undefined;
  const servers: http.Server[] = [];
  let disconnect: (() => Promise<void>) | undefined;
  try {
    // A fresh migrated file, as the tests make one; lib/db reads DATABASE_URL when imported.
    const { default: Database } = await import("better-sqlite3");
    const sqlite = new Database(file);
    prepareSqliteFile(sqlite);
    sqlite.close();
    process.env.DATABASE_URL = `file:${file}`;

    let serverOnly: unknown;
    try {
      await import("server-only");
    } catch (error) {
      serverOnly = error;
    }
    if (serverOnly) {
      throw new Error(
        "bench/stream.ts imports the server modules: run it under the react-server condition " +
          "(tsx --conditions=react-server --expose-gc bench/stream.ts)",
      );
    }
    const { db, dbReady, writeTransaction } = await import("../lib/db");
    disconnect = () => db.$disconnect();
    const { buildDemoEstate } = await import("../prisma/estate");
    const { writeEstate } = await import("../prisma/write-estate");
    const { readyMigrations } = await import("../lib/migrations");
    const { planMigration } = await import("../lib/migrations/plan");
    const { appendEvents, appendLightSteps } = await import("../lib/migrations/store");
    const { asJson } = await import("../lib/migrations/row-data");
    const { GET } = await import("../app/api/migrations/[id]/events/route");
    const { nativeRoutes } = await import("../lib/http/native");
    type NewEvent = Parameters<typeof appendEvents>[2][number];

    await dbReady();
    const estate = buildDemoEstate();
    await writeEstate(db, estate);
    // Before any migration row exists: start-up recovery would fail a "running" one.
    const { bus } = await readyMigrations();

    const vm = estate.vms.find((v) => v.name === "WEB01");
    const hv2 = estate.hosts.find((h) => h.name === "HV2");
    if (!vm?.id || !hv2?.id) throw new Error("the demo estate has no WEB01 or HV2");
    const vmId = vm.id;
    const destinationHostId = hv2.id;

    /** A running move of WEB01 HV1 -> HV2, created as the service creates one (preflight included). */
    const createMigration = () =>
      writeTransaction(async (tx) => {
        const plan = await planMigration(tx, {
          vmId,
          kind: "live",
          destinationHostId,
          startedFrom: "failover-cluster-manager",
        });
        if (!plan.report.canMove || !plan.engineInput) {
          throw new Error(`WEB01 cannot move: ${plan.report.incompatibilities[0]?.message}`);
        }
        const at = new Date();
        const row = await tx.migration.create({
          data: {
            vmId,
            vmName: plan.vm.name,
            kind: plan.kind,
            sourceHostId: plan.sourceHostId,
            destinationHostId,
            startedFrom: "failover-cluster-manager",
            status: "running",
            speed: 1,
            seed: 1,
            switchMap: {},
            input: asJson(plan.engineInput),
            prediction: plan.prediction ? asJson(plan.prediction) : {},
            createdAt: at,
            startedAt: at,
          },
          select: { id: true },
        });
        await appendEvents(
          tx,
          row.id,
          [
            {
              type: "status",
              atMs: 0,
              data: { status: "running", message: "Moving 'WEB01' from HV1 to HV2." },
            },
            { type: "stage", atMs: 0, data: { stage: "setup", phase: "started", migrationState: 1 } },
          ],
          at,
        );
        return row.id;
      });

    const benchEvent = (n: number, sentAt: number): NewEvent => ({
      type: "log",
      atMs: n * 10,
      data: {
        eventId: 0,
        level: "Information",
        channel: CHANNEL.vmms,
        hostName: "HV1",
        message: `${MARK}${n} sent at ${sentAt.toFixed(3)}`,
      },
    });

    /** Stored, then published: the service's order (lib/migrations/service.ts). */
    /** Due -> stored and published, for the rounds of "ours" only (the other round's lag is its own). */
    const storeTimes: number[] = [];
    let recordStore = false;
    const produce = async (migrationId: number, events: NewEvent[], row = {}) => {
      const published = await writeTransaction((tx) =>
        appendEvents(tx, migrationId, events, new Date(), row),
      );
      for (const p of published) bus.publish(p);
    };
    /** A runner step's events, as the service stores a step that touches only the move's row. */
    const produceBench = async (migrationId: number, batch: Due[]) => {
      await appendLightSteps(
        [{ migrationId, events: batch.map((d) => benchEvent(d.n, d.at)), patch: {} }],
        new Date(),
        (published) => {
          const at = now();
          if (recordStore) for (const d of batch) storeTimes.push(at - d.at);
          for (const p of published) bus.publish(p);
        },
      );
    };

    // A Next server's AsyncLocalStorage turns V8's promise hooks on for every promise.
    const requestStorage = new AsyncLocalStorage<{ url: string | undefined }>();
    requestStorage.run({ url: undefined }, () => undefined);

    // What scripts/serve.mjs does with a request for an event stream.
    const native = nativeRoutes([
      {
        pattern: /^\/api\/migrations\/([^/]+)\/events$/,
        answer: (request, [id = ""]) => GET(request, { params: Promise.resolve({ id }) }),
      },
    ]);
    const facts = { hostname: "127.0.0.1", port: 0, headers: [] };
    const ours = http.createServer((req, res) => {
      if (!native.handle(req, res, facts)) res.writeHead(404).end();
    });
    servers.push(ours);
    const oursPort = await listen(ours);

    const nextPiping = http.createServer((req, res) => {
      const match = /^\/api\/migrations\/([^/]+)\/events$/.exec(new URL(req.url ?? "/", "http://x").pathname);
      if (!match?.[1]) {
        res.writeHead(404).end();
        return;
      }
      const id = match[1];
      const controller = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      requestStorage
        .run({ url: req.url }, async () => {
          const response = await GET(requestOf(req, "http://127.0.0.1", controller.signal), {
            params: Promise.resolve({ id }),
          });
          res.writeHead(response.status, Object.fromEntries(response.headers));
          if (!response.body) return void res.end();
          await response.body.pipeTo(writerTo(res), { signal: controller.signal }).catch(() => undefined);
        })
        .catch((error: unknown) => {
          console.error("bench stream: handler failed", error);
          res.destroy();
        });
    });
    servers.push(nextPiping);
    const nextPipingPort = await listen(nextPiping);

    const subscribers = new Set<http.ServerResponse>();
    const bare = http.createServer((req, res) => {
      if (req.url !== "/events") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      res.write("retry: 1000\n\nevent: snapshot\ndata: {}\n\n");
      subscribers.add(res);
      res.on("close", () => subscribers.delete(res));
    });
    servers.push(bare);
    const barePort = await listen(bare);

    child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, [ROLE_ENV]: "clients" },
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const clients = new Clients(child);
    const { offset, uncertainty } = await clients.clockOffset();

    const total = WARMUP_PER_ROUND + MEASURED_PER_ROUND;
    const fresh = () => ({
      latencies: [] as Float64Array[],
      delivered: 0,
      outOfOrder: 0,
      serverCpuMs: 0,
      clientCpuMs: 0,
      wallMs: 0,
      openCpuMs: 0,
      openWallMs: 0,
    });
    const collected = { nextPiping: fresh(), ours: fresh(), bare: fresh() };

    type Which = keyof typeof collected;
    const portOf: Record<Which, number> = { ours: oursPort, nextPiping: nextPipingPort, bare: barePort };
    const runRound = async (which: Which) => {
      let migrationId = 0;
      if (which !== "bare") migrationId = await createMigration();
      const streamPath = which !== "bare" ? `/api/migrations/${migrationId}/events` : "/events";
      const cpuBeforeOpen = process.cpuUsage();
      const wallBeforeOpen = now();
      const opened = await clients.request(
        {
          type: "open",
          port: portOf[which],
          path: streamPath,
          count: SUBSCRIBERS,
          warmup: WARMUP_PER_ROUND,
          measured: MEASURED_PER_ROUND,
          offset,
        },
        "opened",
      );
      if (opened.failures) throw new Error(`${which}: ${opened.failures} streams did not open`);
      const openCpu = process.cpuUsage(cpuBeforeOpen);
      collected[which].openCpuMs += (openCpu.user + openCpu.system) / 1000;
      collected[which].openWallMs += now() - wallBeforeOpen;
      const ended = clients.wait("ended");
      const cpuAtOpen = process.cpuUsage();
      const wallAtOpen = now();
      recordStore = which === "ours";
      if (which !== "bare") {
        await paced(total, (batch) => produceBench(migrationId, batch));
        // `done` ends every stream from the server side, as a finished move does.
        await produce(
          migrationId,
          [
            {
              type: "done",
              atMs: total * 10,
              data: {
                status: "cancelled",
                summary: null,
                failure: { code: "bench", message: "Round over." },
              },
            },
          ],
          { status: "cancelled", stage: "done", finishedAt: new Date() },
        );
      } else {
        // The same frame as ours (store.ts sseFrame), encoded once for every subscriber.
        await paced(total, (batch) => {
          for (const d of batch) {
            const { type, atMs, data } = benchEvent(d.n, d.at);
            const event = { seq: d.n + 3, type, atMs, migrationId: 1, data };
            const frame = Buffer.from(`id: ${event.seq}\nevent: ${type}\ndata: ${JSON.stringify(event)}\n\n`);
            for (const res of subscribers) res.write(frame);
          }
        });
        for (const res of subscribers) res.end();
      }
      const result = await ended;
      const cpu = process.cpuUsage(cpuAtOpen);
      const c = collected[which];
      c.latencies.push(result.latencies);
      c.delivered += result.delivered;
      c.outOfOrder += result.outOfOrder;
      c.serverCpuMs += (cpu.user + cpu.system) / 1000;
      c.clientCpuMs += result.cpuMs;
      c.wallMs += now() - wallAtOpen;
    };

    console.log(
      `bench stream: ${SUBSCRIBERS} subscribers, ${RATE} events/s, ${ROUNDS} round(s) per server of ` +
        `${WARMUP_PER_ROUND} warm-up + ${MEASURED_PER_ROUND} measured events, clients in a child process`,
    );
    for (let r = 0; r < ROUNDS; r++) {
      const order = ["bare", "ours", "nextPiping"] as const;
      for (const which of r % 2 === 0 ? order : [...order].reverse()) {
        await runRound(which);
      }
    }
    recordStore = false;
    const listenersAfterRounds = bus.listenerCount;

    // Memory: connect, receive the snapshot, disconnect; a running migration, so every stream
    // subscribes to the bus and must let go of it.
    const memoryMigration = await createMigration();
    for (let n = 0; n < 50; n++) await produceBench(memoryMigration, [{ n, at: now() }]);
    const cyclePath = `/api/migrations/${memoryMigration}/events`;
    const openConnections = () =>
      new Promise<number>((resolve) => ours.getConnections((_, count) => resolve(count)));
    const points: MemoryPoint[] = [];
    let failures = 0;
    let done = 0;
    const measureAt = async (cycles: number) => {
      const r = await clients.request(
        {
          type: "cycles",
          port: oursPort,
          path: cyclePath,
          count: cycles - done,
          concurrency: CYCLE_CONCURRENCY,
        },
        "cycled",
        600_000,
      );
      failures += r.failures;
      done = cycles;
      // The server sees each close a moment after the client drops the socket.
      for (let i = 0; i < 100 && (bus.listenerCount > 0 || (await openConnections()) > 0); i++)
        await sleep(20);
      const m = await gcSettled();
      points.push({
        cycles,
        heapUsedMiB: mib(m.heapUsed),
        rssMiB: mib(m.rss),
        externalMiB: mib(m.external),
      });
    };
    const before = await gcSettled();
    points.push({
      cycles: 0,
      heapUsedMiB: mib(before.heapUsed),
      rssMiB: mib(before.rss),
      externalMiB: mib(before.external),
    });
    for (const at of [CYCLE_WARMUP, CYCLES / 2, CYCLES]) await measureAt(at);
    const warm = points.find((p) => p.cycles === CYCLE_WARMUP);
    const last = points[points.length - 1];
    const heapGrowthMiB = round2((last?.heapUsedMiB ?? 0) - (warm?.heapUsedMiB ?? 0));
    const listenersAfter = bus.listenerCount;
    const openConnectionsAfter = await openConnections();

    const figuresOf = (which: Which): ServerFigures => {
      const c = collected[which];
      return {
        ...latencyFigures(concat(c.latencies)),
        delivered: c.delivered,
        expected: SUBSCRIBERS * total * ROUNDS,
        outOfOrder: c.outOfOrder,
        serverCpuPercent: Math.round((c.serverCpuMs / c.wallMs) * 100),
        clientCpuPercent: Math.round((c.clientCpuMs / c.wallMs) * 100),
        serverCpuUsPerFrame: round2((c.serverCpuMs * 1000) / c.delivered),
        openCpuMs: Math.round(c.openCpuMs / ROUNDS),
        openWallMs: Math.round(c.openWallMs / ROUNDS),
      };
    };
    const oursFigures = figuresOf("ours");
    const nextPipingFigures = figuresOf("nextPiping");
    const bareFigures = figuresOf("bare");
    const ratioP50 = round2(oursFigures.p50 / bareFigures.p50);
    const ratioP99 = round2(oursFigures.p99 / bareFigures.p99);
    const result: StreamBenchResult = {
      subscribers: SUBSCRIBERS,
      eventsPerSecond: RATE,
      rounds: ROUNDS,
      measuredEventsPerServer: ROUNDS * MEASURED_PER_ROUND,
      warmupEventsPerRound: WARMUP_PER_ROUND,
      clients: "child process (node:http GET, frames parsed as they arrive)",
      clockOffsetMs: round2(offset),
      clockUncertaintyMs: round2(uncertainty),
      listenersAfterRounds,
      ours: oursFigures,
      nextPiping: nextPipingFigures,
      bare: bareFigures,
      store: latencyFigures(Float64Array.from(storeTimes)),
      loadAverage: { start: loadAtStart.map(round2), end: loadavg().map(round2) },
      ratioP50,
      ratioP99,
      nextPipingRatioP50: round2(nextPipingFigures.p50 / bareFigures.p50),
      nextPipingRatioP99: round2(nextPipingFigures.p99 / bareFigures.p99),
      targetRatio: TARGET_RATIO,
      meetsRatio: ratioP50 <= TARGET_RATIO && ratioP99 <= TARGET_RATIO,
      bareKeptUp: bareFigures.p50 <= 1000 / RATE,
      memory: {
        cycles: CYCLES,
        concurrency: CYCLE_CONCURRENCY,
        failures,
        points,
        heapGrowthMiB,
        heapGrowthLimitMiB: HEAP_GROWTH_LIMIT_MIB,
        listenersAfter,
        openConnectionsAfter,
        noGrowth:
          heapGrowthMiB <= HEAP_GROWTH_LIMIT_MIB &&
          listenersAfter === 0 &&
          openConnectionsAfter === 0 &&
          failures === 0,
      },
    };

    const row = (name: string, f: StreamBenchResult["ours"]) =>
      `  ${name.padEnd(34)} p50 ${f.p50.toFixed(2).padStart(6)} ms   p90 ${f.p90.toFixed(2).padStart(6)} ms   ` +
      `p99 ${f.p99.toFixed(2).padStart(6)} ms   max ${f.max.toFixed(2).padStart(7)} ms   ` +
      `cpu ${String(f.serverCpuPercent).padStart(3)}% (${f.serverCpuUsPerFrame.toFixed(1)} us/frame), clients ${String(f.clientCpuPercent).padStart(3)}%   ` +
      `${f.delivered.toLocaleString("en-US")}/${f.expected.toLocaleString("en-US")} delivered, ${f.outOfOrder} out of order; ` +
      `opening ${SUBSCRIBERS}: ${f.openCpuMs} ms cpu, ${f.openWallMs} ms`;
    console.log(
      `\nStream benchmark: ${SUBSCRIBERS} subscribers to one migration, ${RATE} events/s, ` +
        `${result.measuredEventsPerServer} measured events per server (latency = event created -> frame parsed by the client)`,
    );
    console.log(row("GET /api/migrations/:id/events", oursFigures));
    console.log(row("  the same through Next's piping", nextPipingFigures));
    console.log(row("bare node:http event stream", bareFigures));
    console.log(
      `  of which due -> stored, published  p50 ${result.store.p50.toFixed(2).padStart(6)} ms   ` +
        `p99 ${result.store.p99.toFixed(2).padStart(6)} ms`,
    );
    console.log(
      `  target p50 and p99 within ${TARGET_RATIO}x of the bare server: p50 ${ratioP50}x, p99 ${ratioP99}x ${result.meetsRatio ? "MET" : "MISSED"}` +
        `${listenersAfterRounds === 0 ? "" : ` (bus listeners after the rounds: ${listenersAfterRounds})`}`,
    );
    console.log(
      `  (through Next's piping, what npm start avoids: p50 ${result.nextPipingRatioP50}x, p99 ${result.nextPipingRatioP99}x)`,
    );
    if (!result.bareKeptUp) {
      console.log(
        `  note: the bare server itself fell behind (p50 ${bareFigures.p50} ms > ${1000 / RATE} ms between events): ` +
          `the machine was short of CPU (load average ${result.loadAverage.start.join(", ")}); ` +
          `server CPU per frame is the steadier comparison (${oursFigures.serverCpuUsPerFrame} vs ${bareFigures.serverCpuUsPerFrame} us)`,
      );
    }
    console.log(
      `\nMemory over ${CYCLES.toLocaleString("en-US")} connect/snapshot/disconnect cycles (${CYCLE_CONCURRENCY} at a time, after GC):`,
    );
    for (const p of points) {
      console.log(
        `  after ${p.cycles.toLocaleString("en-US").padStart(6)} cycles   heapUsed ${p.heapUsedMiB.toFixed(2).padStart(7)} MiB   ` +
          `rss ${p.rssMiB.toFixed(1).padStart(6)} MiB   external ${p.externalMiB.toFixed(2).padStart(6)} MiB`,
      );
    }
    console.log(
      `  heapUsed growth after the ${CYCLE_WARMUP.toLocaleString("en-US")}-cycle warm-up: ${heapGrowthMiB} MiB ` +
        `(limit ${HEAP_GROWTH_LIMIT_MIB} MiB); bus listeners ${listenersAfter}; open connections ` +
        `${openConnectionsAfter}; failed cycles ${failures}: ${result.memory.noGrowth ? "NO GROWTH" : "GROWTH"}`,
    );
    mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench", "results", "stream.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    if (child && child.exitCode === null) {
      child.send({ type: "exit" } satisfies ToClient);
      await Promise.race([once(child, "exit"), sleep(2000)]);
      if (child.exitCode === null) child.kill();
    }
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await disconnect?.();
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.env[ROLE_ENV] === "clients") {
  clientProcess();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchStream();
}
