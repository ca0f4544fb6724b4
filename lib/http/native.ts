// The event streams' way past Next's response piping, for the lab's own server (scripts/serve.mjs).
//
// That server hands every request to Next except a GET of a route registered here, which it gives
// to `handle`. The request becomes a WHATWG Request as Next would build it (its x-forwarded-*
// headers included), the route's own GET runs (the same gate, checks and envelope), and:
// - an event stream writes its frames straight to the Node response (lib/http/sse.ts);
// - any other answer (a 401, 403, 404 or 400 envelope) is written as the Response says.
// Next's proxy (proxy.ts) does not run for these requests: for /api/ paths it only refuses a foreign
// Host, and the gate in route() refuses the same requests with the same check.
import type { IncomingMessage, ServerResponse } from "node:http";
import { malformedPathError, unknownMethodResponse } from "./errors";
import { attachNodeResponse, isTakenOver } from "./native-response";
import { errorResponse } from "./respond";

export interface NativeRoute {
  /** Matched against the path without its query. */
  pattern: RegExp;
  /** The route's own GET, given the pattern's capture groups, decoded. */
  answer: (request: Request, groups: string[]) => Promise<Response>;
}

/** What the server knows that Next would use: its address, and the headers next.config.js adds. */
export interface ServerFacts {
  hostname: string;
  port: number;
  headers: readonly { key: string; value: string }[];
}

export interface NativeRoutes {
  /**
   * True when the request is one of ours, or uses a method the lab does not answer (a 405): it is
   * then answered. False: give it to Next.
   */
  handle(req: IncomingMessage, res: ServerResponse, facts: ServerFacts): boolean;
}

const REGISTRY = Symbol.for("lml.nativeRoutes");

export function nativeRoutes(routes: readonly NativeRoute[]): NativeRoutes {
  return {
    handle(req, res, facts) {
      const unknownMethod = unknownMethodResponse(req.method ?? "");
      if (unknownMethod) {
        for (const { key, value } of facts.headers) res.setHeader(key, value);
        void writeResponse(res, unknownMethod);
        return true;
      }
      if (req.method !== "GET") return false;
      const url = req.url ?? "/";
      const query = url.indexOf("?");
      const pathname = query < 0 ? url : url.slice(0, query);
      for (const route of routes) {
        const match = route.pattern.exec(pathname);
        if (!match) continue;
        const malformed = malformedPathError(pathname);
        if (malformed) {
          for (const { key, value } of facts.headers) res.setHeader(key, value);
          void writeResponse(res, Response.json(malformed.toBody(), { status: malformed.status }));
          return true;
        }
        const groups = match.slice(1).map((g) => decodeURIComponent(g ?? ""));
        serve(route, groups, req, res, facts).catch((error: unknown) => {
          console.error(`${pathname}: the native route failed`, error);
          if (res.headersSent) res.destroy();
          else void writeResponse(res, errorResponse(error));
        });
        return true;
      }
      return false;
    },
  };
}

/** Called once the app is loaded (instrumentation.ts); the server finds the routes on globalThis. */
export function registerNativeRoutes(routes: readonly NativeRoute[]): void {
  (globalThis as { [REGISTRY]?: NativeRoutes })[REGISTRY] = nativeRoutes(routes);
}

/** The x-forwarded-* headers as Next's server sets them: each only when the client sent none. */
export function forwardedHeaders(req: IncomingMessage, facts: Pick<ServerFacts, "hostname" | "port">): void {
  const h = req.headers;
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const proto = h["x-forwarded-proto"];
  const https = proto ? proto === "https" : encrypted;
  h["x-forwarded-host"] ??= h.host ?? facts.hostname;
  h["x-forwarded-port"] ??= facts.port ? String(facts.port) : https ? "443" : "80";
  h["x-forwarded-proto"] ??= https ? "https" : "http";
  const address = req.socket?.remoteAddress;
  if (address !== undefined) h["x-forwarded-for"] ??= address;
}

/** A WHATWG Request for the route, aborted when the client goes away. */
export function toRequest(req: IncomingMessage, signal: AbortSignal, hostname: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else for (const v of value ?? []) headers.append(name, v);
  }
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  const host = headers.get("host") ?? hostname;
  return new Request(`${proto}://${host}${req.url ?? "/"}`, { method: req.method, headers, signal });
}

async function serve(
  route: NativeRoute,
  groups: string[],
  req: IncomingMessage,
  res: ServerResponse,
  facts: ServerFacts,
): Promise<void> {
  forwardedHeaders(req, facts);
  for (const { key, value } of facts.headers) res.setHeader(key, value);
  const controller = new AbortController();
  res.once("close", () => controller.abort());
  const request = toRequest(req, controller.signal, facts.hostname);
  attachNodeResponse(request, res);
  const response = await route.answer(request, groups);
  if (!isTakenOver(response)) await writeResponse(res, response);
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = await response.text();
  if (res.destroyed) return;
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.end(body);
}
