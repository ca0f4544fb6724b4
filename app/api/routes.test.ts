// End to end through the route handlers in app/api: status codes and the envelope, on SQLite.
import { beforeEach, describe, expect, it } from "vitest";
import { DELETE as unknownDelete, GET as unknownGet } from "@/app/api/[...path]/route";
import { DELETE as deleteHost } from "@/app/api/hosts/[id]/route";
import { GET as getHosts, POST as postHost } from "@/app/api/hosts/route";
import { POST as postAction } from "@/app/api/vms/[id]/actions/route";
import { GET as getVm, PATCH as patchVm, PUT as putVm } from "@/app/api/vms/[id]/route";
import { GET as getVms } from "@/app/api/vms/route";
import { db } from "@/lib/db";
import { idOf, seedDemo } from "@/lib/testing/seed";

const none = { params: Promise.resolve({}) };
const withId = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const send = (url: string, method: string, body: string) =>
  new Request(`http://localhost${url}`, { method, body, headers: { "content-type": "application/json" } });

async function envelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error).toMatchObject({ code, status });
  expect(typeof body.error.message).toBe("string");
  return body.error as { details?: { path: string; message: string }[] };
}

beforeEach(seedDemo);

describe("GET /api/vms", () => {
  it("answers a page", async () => {
    const res = await getVms(new Request("http://localhost/api/vms?limit=2&sort=memory&order=desc"), none);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.map((v: { name: string }) => v.name)).toEqual(["ANALYTICS01", "SQL01"]);
    expect(body).toMatchObject({ nextCursor: "2", total: 13 });
  });

  it("answers 400 with the parameter paths for a bad or unknown query parameter", async () => {
    const error = await envelope(
      await getVms(new Request("http://localhost/api/vms?limit=abc"), none),
      400,
      "bad_request",
    );
    expect(error.details?.map((d) => d.path)).toEqual(["limit"]);
    await envelope(await getVms(new Request("http://localhost/api/vms?page=2"), none), 400, "bad_request");
    await envelope(await getVms(new Request("http://localhost/api/vms?sort=ram"), none), 400, "bad_request");
  });
});

describe("GET /api/vms/:id", () => {
  it("answers 404 for ids that are malformed or missing", async () => {
    for (const id of ["abc", "0", "-3", "1.5", "999999", "9999999999"]) {
      await envelope(
        await getVm(new Request(`http://localhost/api/vms/${id}`), withId(id)),
        404,
        "not_found",
      );
    }
    expect(
      (
        await getVm(
          new Request(`http://localhost/api/vms/${idOf("vms", "SQL01")}`),
          withId(idOf("vms", "SQL01")),
        )
      ).status,
    ).toBe(200);
  });
});

describe("POST /api/vms/:id/actions", () => {
  const url = (id: number) => `/api/vms/${id}/actions`;

  it("applies an allowed action", async () => {
    const id = idOf("vms", "WEB01");
    const res = await postAction(send(url(id), "POST", '{"action":"pause"}'), withId(id));
    expect(res.status).toBe(200);
    expect((await res.json()).state).toBe("Paused");
  });

  it("400 for a body that is not JSON, 422 with the path for a bad action, 409 for a refused one", async () => {
    const id = idOf("vms", "TEST01");
    await envelope(await postAction(send(url(id), "POST", "pause"), withId(id)), 400, "bad_request");
    const bad = await envelope(
      await postAction(send(url(id), "POST", '{"action":"reboot"}'), withId(id)),
      422,
      "validation_failed",
    );
    expect(bad.details?.map((d) => d.path)).toEqual(["action"]);
    const refused = await postAction(send(url(id), "POST", '{"action":"pause"}'), withId(id));
    const error = await envelope(refused, 409, "precondition_failed");
    expect(error).toMatchObject({ details: { state: "Off", action: "pause" } });
    expect((await db.vm.findUniqueOrThrow({ where: { id } })).state).toBe("Off");
    await envelope(
      await postAction(send(url(999999), "POST", '{"action":"start"}'), withId(999999)),
      404,
      "not_found",
    );
  });
});

describe("PATCH /api/vms/:id", () => {
  it("rejects unknown fields with 422 and changes nothing", async () => {
    const id = idOf("vms", "TEST01");
    const error = await envelope(
      await patchVm(send(`/api/vms/${id}`, "PATCH", '{"notes":"x","state":"Running"}'), withId(id)),
      422,
      "validation_failed",
    );
    expect(error.details).toHaveLength(1);
    expect((await db.vm.findUniqueOrThrow({ where: { id } })).notes).toBe("");
  });
});

describe("hosts", () => {
  it("POST with bad input answers 422 with every field path and stores nothing", async () => {
    const before = await db.host.count();
    const res = await postHost(
      send(
        "/api/hosts",
        "POST",
        JSON.stringify({ name: "-bad-", managementIp: "10.0.0.999", fqdn: "x", extra: 1 }),
      ),
      none,
    );
    const error = await envelope(res, 422, "validation_failed");
    expect(error.details?.map((d) => d.path).sort()).toEqual(["extra", "fqdn", "managementIp", "name"]);
    expect(await db.host.count()).toBe(before);
  });

  it("POST creates (201), then the same name is a 409", async () => {
    const body = JSON.stringify({ name: "hv5", managementIp: "10.0.0.25" });
    const created = await postHost(send("/api/hosts", "POST", body), none);
    expect(created.status).toBe(201);
    expect((await created.json()).name).toBe("HV5");
    await envelope(await postHost(send("/api/hosts", "POST", body), none), 409, "conflict");
  });

  it("DELETE of a host that owns VMs is a 409 that deletes nothing; GET lists still answer", async () => {
    const id = idOf("hosts", "HV1");
    await envelope(
      await deleteHost(new Request(`http://localhost/api/hosts/${id}`, { method: "DELETE" }), withId(id)),
      409,
      "conflict",
    );
    const res = await getHosts(new Request("http://localhost/api/hosts?role=Hyper-V"), none);
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((h: { name: string }) => h.name)).toEqual([
      "HV1",
      "HV2",
      "HV3",
      "HV4",
    ]);
  });
});

describe("unknown API paths", () => {
  it("answer 404 in the envelope for every method, naming the path", async () => {
    const get = await envelope(unknownGet(new Request("http://localhost/api/nope")), 404, "not_found");
    expect((get as { message?: string }).message).toBe("There is no API at GET /api/nope.");
    await envelope(
      unknownDelete(new Request("http://localhost/api/vms/1/nope", { method: "DELETE" })),
      404,
      "not_found",
    );
  });
});

describe("methods a route does not have", () => {
  it("answer 405 in the envelope with an Allow header", async () => {
    const res = putVm(send("/api/vms/1", "PUT", "{}"));
    const error = await envelope(res, 405, "method_not_allowed");
    expect((error as { message?: string }).message).toBe(
      "PUT is not supported here; use GET, PATCH, DELETE.",
    );
    expect(res.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });
});
