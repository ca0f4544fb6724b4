// The /api/migrations route handlers end to end on SQLite: status codes, the envelope, headers.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST as postCancel } from "@/app/api/migrations/[id]/cancel/route";
import { GET as getEvents } from "@/app/api/migrations/[id]/events/route";
import { POST as postFault } from "@/app/api/migrations/[id]/faults/route";
import { DELETE as deleteMigration, GET as getMigration } from "@/app/api/migrations/[id]/route";
import { GET as getCompare, POST as postCompare } from "@/app/api/migrations/compare/route";
import { GET as listRoute, POST as startRoute } from "@/app/api/migrations/route";
import { db } from "@/lib/db";
import { migrations } from "@/lib/migrations";
import { idOf, seedDemo } from "@/lib/testing/seed";

const none = { params: Promise.resolve({}) };
const withId = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

async function envelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error).toMatchObject({ code, status });
  return body.error as { message: string; details?: unknown };
}

const move = (vm: string, extra: object = {}) => ({
  vmId: idOf("vms", vm),
  kind: "live",
  destinationHostId: idOf("hosts", "HV2"),
  startedFrom: "admin-center",
  // Slow enough that nothing finishes while a test looks at it.
  speed: 0.01,
  ...extra,
});

beforeEach(seedDemo);
afterEach(() => migrations().service.runner.stop());

describe("POST /api/migrations", () => {
  it("answers 202 with the id and status, and the same migration for a repeated Idempotency-Key", async () => {
    const first = await startRoute(
      post("/api/migrations", move("FS01"), { "Idempotency-Key": "abc-1" }),
      none,
    );
    expect(first.status).toBe(202);
    const body = (await first.json()) as { id: number; status: string };
    expect(body.status).toBe("running");
    const again = await startRoute(
      post("/api/migrations", move("FS01"), { "Idempotency-Key": "abc-1" }),
      none,
    );
    expect(await again.json()).toEqual(body);
    expect(await db.migration.count()).toBe(1);
  });

  it("answers 409 when the VM is already moving, 422 with the report when preflight blocks", async () => {
    await startRoute(post("/api/migrations", move("FS01")), none);
    const busy = await envelope(
      await startRoute(post("/api/migrations", move("FS01")), none),
      409,
      "conflict",
    );
    expect(busy.message).toMatch(/already being moved/);
    const blocked = await envelope(
      await startRoute(post("/api/migrations", move("LEGACY-APP")), none),
      422,
      "migration_blocked",
    );
    expect(JSON.stringify(blocked.details)).toContain("Could not find Ethernet switch 'Legacy'.");
  });

  it("answers 400 for a bad Idempotency-Key or a body that is not JSON, 422 with paths for bad fields", async () => {
    await envelope(
      await startRoute(post("/api/migrations", move("FS01"), { "Idempotency-Key": "a b" }), none),
      400,
      "bad_request",
    );
    await envelope(await startRoute(post("/api/migrations", "{"), none), 400, "bad_request");
    const error = await envelope(
      await startRoute(post("/api/migrations", { ...move("FS01"), speed: 5000, colour: "red" }), none),
      422,
      "validation_failed",
    );
    expect((error.details as { path: string }[]).map((d) => d.path).sort()).toEqual(["colour", "speed"]);
    expect(await db.migration.count()).toBe(0);
  });
});

describe("the other routes", () => {
  it("lists, shows, refuses a fault with a bad body, and cancels", async () => {
    const { id } = (await (await startRoute(post("/api/migrations", move("WEB01")), none)).json()) as {
      id: number;
    };
    const list = await listRoute(new Request("http://localhost/api/migrations?active=true"), none);
    expect(((await list.json()) as { total: number }).total).toBe(1);
    await envelope(
      await listRoute(new Request("http://localhost/api/migrations?status=lost"), none),
      400,
      "bad_request",
    );

    const detail = (await (
      await getMigration(new Request(`http://localhost/api/migrations/${id}`), withId(id))
    ).json()) as {
      vmName: string;
    };
    expect(detail.vmName).toBe("WEB01");
    await envelope(
      await getMigration(new Request("http://localhost/api/migrations/9999"), withId(9999)),
      404,
      "not_found",
    );
    await envelope(
      await getMigration(new Request("http://localhost/api/migrations/abc"), withId("abc")),
      404,
      "not_found",
    );

    await envelope(
      await postFault(post(`/api/migrations/${id}/faults`, { kind: "meteor" }), withId(id)),
      422,
      "validation_failed",
    );
    await envelope(
      await postFault(
        post(`/api/migrations/${id}/faults`, { kind: "destination-out-of-memory", mbps: 5 }),
        withId(id),
      ),
      422,
      "validation_failed",
    );
    const oom = await postFault(
      post(`/api/migrations/${id}/faults`, { kind: "destination-out-of-memory" }),
      withId(id),
    );
    expect(oom.status).toBe(202);
    expect(((await oom.json()) as { status: string }).status).toBe("running");
    const cancelled = await postCancel(post(`/api/migrations/${id}/cancel`, {}), withId(id));
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { status: string }).status).toBe("cancelled");
    await envelope(await postCancel(post(`/api/migrations/${id}/cancel`, {}), withId(id)), 409, "conflict");
    await envelope(
      await postFault(post(`/api/migrations/${id}/faults`, { kind: "link-down" }), withId(id)),
      409,
      "conflict",
    );
    await envelope(
      await deleteMigration(new Request("http://localhost/api/migrations/1", { method: "DELETE" })),
      405,
      "method_not_allowed",
    );
  });

  it("the event stream answers 404 or 400 in JSON before any stream opens, else text/event-stream", async () => {
    const unknown = await getEvents(new Request("http://localhost/api/migrations/9999/events"), withId(9999));
    expect(unknown.headers.get("content-type")).toContain("application/json");
    await envelope(unknown, 404, "not_found");
    const { id } = (await (await startRoute(post("/api/migrations", move("WEB01")), none)).json()) as {
      id: number;
    };
    await envelope(
      await getEvents(
        new Request(`http://localhost/api/migrations/${id}/events`, { headers: { "Last-Event-ID": "x1" } }),
        withId(id),
      ),
      400,
      "bad_request",
    );
    const controller = new AbortController();
    const ok = await getEvents(
      new Request(`http://localhost/api/migrations/${id}/events`, { signal: controller.signal }),
      withId(id),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/event-stream");
    const reader = ok.body?.getReader();
    let text = "";
    while (!text.includes("event: snapshot")) text += new TextDecoder().decode((await reader?.read())?.value);
    expect(text).toMatch(/^retry: 1000\n\nid: \d+\nevent: snapshot\n/);
    controller.abort();
    await reader?.cancel();
  });
});

describe("POST /api/migrations/compare", () => {
  const none = { params: Promise.resolve({}) };
  const post = (body: string) =>
    postCompare(
      new Request("http://localhost/api/migrations/compare", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      }),
      none,
    );

  it("answers the CompareResult, without the server-side fields", async () => {
    const res = await post(JSON.stringify({ vmId: idOf("vms", "FS01") }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        "vm",
        "kind",
        "kinds",
        "destinations",
        "destination",
        "switches",
        "destinationSwitches",
        "defaultStoragePath",
        "report",
        "prediction",
        "powershell",
      ].sort(),
    );
    expect(body.report.canMove).toBe(true);
    expect(body.destination.name).toBe("HV2");
  });

  it("422 with the path for a bad or unknown field, 404 for an unknown VM, 405 for GET", async () => {
    const bad = await post(JSON.stringify({ vmId: idOf("vms", "FS01"), kind: "teleport", extra: 1 }));
    expect(bad.status).toBe(422);
    const paths = (await bad.json()).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["extra", "kind"]);
    const unknownHost = await post(JSON.stringify({ vmId: idOf("vms", "FS01"), destinationHostId: 99_999 }));
    expect(unknownHost.status).toBe(422);
    expect((await unknownHost.json()).error.details).toEqual([
      { path: "destinationHostId", message: "Host 99999 was not found." },
    ]);
    const missing = await post(JSON.stringify({ vmId: 99_999 }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    const get = getCompare(new Request("http://localhost/api/migrations/compare"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});
