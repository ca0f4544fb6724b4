import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type NativeRoute, nativeRoutes, type ServerFacts } from "./native";
import { eventStream, type SseChannel, sseMessage } from "./sse";

const FACTS: ServerFacts = {
  hostname: "127.0.0.1",
  port: 0,
  headers: [{ key: "X-Content-Type-Options", value: "nosniff" }],
};

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A server that gives our routes their requests and answers 418 for what Next would get. */
async function serve(routes: NativeRoute[]): Promise<string> {
  const native = nativeRoutes(routes);
  const server = http.createServer((req, res) => {
    if (native.handle(req, res, FACTS)) return;
    res.writeHead(418).end("next");
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("nativeRoutes", () => {
  it("leaves to Next what is not a GET of one of its routes", async () => {
    const base = await serve([
      { pattern: /^\/api\/things$/, answer: async () => Response.json({ ok: true }) },
    ]);
    expect((await fetch(`${base}/api/other`)).status).toBe(418);
    expect((await fetch(`${base}/api/things`, { method: "POST" })).status).toBe(418);
    expect((await fetch(`${base}/api/things/`)).status).toBe(418);
    expect((await fetch(`${base}/api/things?x=1`)).status).toBe(200);
  });

  it("gives the route a Request as Next builds it: decoded groups, x-forwarded-* only when absent", async () => {
    let seen: { url: string; headers: Record<string, string>; groups: string[] } | undefined;
    const base = await serve([
      {
        pattern: /^\/api\/things\/([^/]+)$/,
        answer: async (request, groups) => {
          seen = { url: request.url, headers: Object.fromEntries(request.headers), groups };
          return Response.json({ ok: true });
        },
      },
    ]);
    await fetch(`${base}/api/things/a%20b?q=1`, { headers: { "x-forwarded-proto": "https" } });
    const host = new URL(base).host;
    expect(seen?.groups).toEqual(["a b"]);
    expect(seen?.url).toBe(`https://${host}/api/things/a%20b?q=1`);
    expect(seen?.headers).toMatchObject({
      "x-forwarded-host": host,
      "x-forwarded-proto": "https",
      "x-forwarded-for": "127.0.0.1",
    });
  });

  it("writes any other answer as the Response says, with the headers every path gets", async () => {
    const base = await serve([
      {
        pattern: /^\/api\/things$/,
        answer: async () => {
          const response = Response.json({ error: { code: "forbidden", status: 403 } }, { status: 403 });
          response.headers.append("set-cookie", "a=1");
          response.headers.append("set-cookie", "b=2");
          return response;
        },
      },
    ]);
    const res = await fetch(`${base}/api/things`);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res.json()).toEqual({ error: { code: "forbidden", status: 403 } });
  });

  it("refuses a method the lab does not answer with a 405 envelope, on any path (Next would answer 500)", async () => {
    const base = await serve([]);
    const url = new URL(base);
    const answer = await new Promise<{ status: number; allow: string; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: "/servers", method: "TRACE" },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            body += chunk;
          });
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, allow: String(res.headers.allow), body }),
          );
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(answer.status).toBe(405);
    expect(answer.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(JSON.parse(answer.body).error).toMatchObject({ code: "method_not_allowed", status: 405 });
  });

  it("refuses a malformed %-escape with a 400 envelope (Next would answer 500)", async () => {
    const base = await serve([
      { pattern: /^\/api\/things\/([^/]+)$/, answer: async () => new Response("no") },
    ]);
    const res = await fetch(`${base}/api/things/%ZZ`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "bad_request", status: 400 });
  });

  it("an event stream writes its frames to the socket itself and lets go when the client leaves", async () => {
    let channel: SseChannel | undefined;
    let released = 0;
    let markOpened: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => {
      markOpened = resolve;
    });
    const base = await serve([
      {
        pattern: /^\/api\/stream$/,
        answer: async (request) =>
          eventStream(request, async (c) => {
            channel = c;
            markOpened();
            return () => {
              released += 1;
            };
          }),
      },
    ]);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/stream`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    await opened;
    channel?.send(sseMessage("a", { n: 1 }, 1) + sseMessage("b", { n: 2 }, 2));
    const reader = res.body?.getReader();
    let text = "";
    while (!text.includes("event: b")) text += new TextDecoder().decode((await reader?.read())?.value);
    expect(text).toBe('retry: 1000\n\nid: 1\nevent: a\ndata: {"n":1}\n\nid: 2\nevent: b\ndata: {"n":2}\n\n');
    controller.abort();
    await reader?.cancel().catch(() => undefined);
    for (let i = 0; i < 100 && released === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(released).toBe(1);
    expect(channel?.closed).toBe(true);
  });
});
