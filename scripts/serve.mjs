// The lab's production server (what `npm start` runs after the build): Next's request handler,
// except for the event streams, which the app registers when it loads (lib/http/native.ts) and
// which are answered here without Next's response piping (measured in bench/stream.ts: through
// Next's piping 500 subscribers to one move cost about twice the CPU per frame of a bare Node
// server and lag seconds behind; written straight to the socket, 1.1-1.2x its CPU).
//
//   node scripts/serve.mjs --port 3000 --hostname 127.0.0.1 [--keepAliveTimeout 65000]
//
// Everything else is what `next start` does: the build in NEXT_DIST_DIR (next.config.js), the
// headers next.config.js adds (the native routes get them too), x-forwarded-* as Next sets them.
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./lib.mjs";

process.env.NODE_ENV = "production";

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

function fail(message) {
  console.error(`[lml] ${message}`);
  process.exit(1);
}

const port = Number(option("port", process.env.PORT ?? "3000"));
const hostname = option("hostname", process.env.LAB_HOST ?? "127.0.0.1");
const keepAliveTimeout = Number(option("keepAliveTimeout", "65000"));
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got ${port}`);
if (!Number.isInteger(keepAliveTimeout) || keepAliveTimeout < 0)
  fail("--keepAliveTimeout must be milliseconds");

/** The headers next.config.js adds to every path: the native routes answer with them too. */
async function everyPathHeaders() {
  const { default: config } = await import(pathToFileURL(path.join(ROOT, "next.config.js")).href);
  const rules = typeof config.headers === "function" ? await config.headers() : [];
  return rules.filter((rule) => rule.source === "/:path*").flatMap((rule) => rule.headers);
}

const REGISTRY = Symbol.for("lml.nativeRoutes");

async function main() {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: ROOT, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const facts = { hostname, port, headers: await everyPathHeaders() };

  const server = http.createServer((req, res) => {
    const native = globalThis[REGISTRY];
    if (native?.handle(req, res, facts)) return;
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  });
  // Idle keep-alive connections stay open longer than clients keep them (Node closes after 5 s),
  // so a client reusing one never races the server closing it (ECONNRESET).
  server.keepAliveTimeout = keepAliveTimeout;
  server.on("error", (error) => fail(`could not listen on ${hostname}:${port}: ${error.message}`));
  await new Promise((resolve) => server.listen(port, hostname, resolve));

  // The app loads (instrumentation.ts: database, recovery, the native routes) on its first
  // request; make that one ours, so the first client already finds everything in place.
  const address = server.address();
  const local = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : address.address;
  const base = `http://${local.includes(":") ? `[${local}]` : local}:${address.port}`;
  const health = await fetch(`${base}/api/health`).catch((error) => error);
  if (health instanceof Error) console.error(`[lml] warm-up request failed: ${health.message}`);
  else await health.arrayBuffer();
  if (!globalThis[REGISTRY])
    console.error("[lml] the app registered no native routes: Next serves the streams");
  console.log(`[lml] ready on ${base}`);

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
