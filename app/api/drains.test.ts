// The drain and cluster-settings routes through their handlers: the envelope, and no change on a refusal.
import { beforeEach, describe, expect, it } from "vitest";
import { PATCH as patchCluster } from "@/app/api/clusters/[id]/route";
import { GET as getDrain } from "@/app/api/drains/[id]/route";
import { GET as listDrains } from "@/app/api/drains/route";
import { POST as resume } from "@/app/api/hosts/[id]/resume/route";
import { POST as suspend } from "@/app/api/hosts/[id]/suspend/route";
import { db } from "@/lib/db";
import { idOf, seedDemo } from "@/lib/testing/seed";

const withId = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const none = { params: Promise.resolve({}) };
const send = (url: string, method: string, body: string) =>
  new Request(`http://localhost${url}`, { method, body, headers: { "content-type": "application/json" } });

async function envelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error).toMatchObject({ code, status });
  return body.error as { details?: { path: string }[] };
}

beforeEach(seedDemo);

describe("POST /api/hosts/:id/suspend and /resume", () => {
  it("422 with the path for a bad body, 404 for an unknown node, 409 for a server outside a cluster; nothing changes", async () => {
    const hv1 = idOf("hosts", "HV1");
    const bad = await envelope(
      await suspend(send(`/api/hosts/${hv1}/suspend`, "POST", '{"drain":"yes"}'), withId(hv1)),
      422,
      "validation_failed",
    );
    expect(bad.details?.map((d) => d.path)).toEqual(["drain"]);
    await envelope(
      await suspend(send("/api/hosts/999999/suspend", "POST", '{"drain":true}'), withId(999999)),
      404,
      "not_found",
    );
    const hv3 = idOf("hosts", "HV3");
    await envelope(
      await suspend(send(`/api/hosts/${hv3}/suspend`, "POST", '{"drain":true}'), withId(hv3)),
      409,
      "precondition_failed",
    );
    await envelope(
      await resume(send(`/api/hosts/${hv1}/resume`, "POST", '{"failback":true}'), withId(hv1)),
      409,
      "precondition_failed",
    );
    expect((await db.host.findUniqueOrThrow({ where: { id: hv1 } })).state).toBe("Up");
    expect(await db.nodeDrain.count()).toBe(0);
  });

  it("a pause without a drain answers 200; a drain 202 with its id, which GET /api/drains/:id and the list show", async () => {
    const hv2 = idOf("hosts", "HV2");
    const paused = await suspend(send(`/api/hosts/${hv2}/suspend`, "POST", '{"drain":false}'), withId(hv2));
    expect(paused.status).toBe(200);
    expect(await paused.json()).toEqual({ nodeId: hv2, drainId: null });
    const resumed = await resume(send(`/api/hosts/${hv2}/resume`, "POST", '{"failback":false}'), withId(hv2));
    expect(resumed.status).toBe(200);
    const started = await suspend(send(`/api/hosts/${hv2}/suspend`, "POST", '{"drain":true}'), withId(hv2));
    expect(started.status).toBe(202);
    const { drainId } = (await started.json()) as { drainId: number };
    const detail = await getDrain(new Request(`http://localhost/api/drains/${drainId}`), withId(drainId));
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ id: drainId, kind: "drain", node: { name: "HV2" } });
    const list = await listDrains(new Request(`http://localhost/api/drains?hostId=${hv2}`), none);
    expect((await list.json()).items.map((d: { id: number }) => d.id)).toEqual([drainId]);
    await envelope(
      await getDrain(new Request("http://localhost/api/drains/999999"), withId(999999)),
      404,
      "not_found",
    );
  });
});

describe("PATCH /api/clusters/:id", () => {
  it("422 for a limit out of range or an unknown field, and the cluster keeps its settings", async () => {
    const id = idOf("clusters", "CLUSTER1");
    const bad = await envelope(
      await patchCluster(
        send(`/api/clusters/${id}`, "PATCH", '{"maxParallelMigrations":0,"name":"X"}'),
        withId(id),
      ),
      422,
      "validation_failed",
    );
    expect(bad.details?.map((d) => d.path).sort()).toEqual(["maxParallelMigrations", "name"]);
    expect((await db.cluster.findUniqueOrThrow({ where: { id } })).maxParallelMigrations).toBe(2);
    const ok = await patchCluster(
      send(`/api/clusters/${id}`, "PATCH", '{"maxParallelMigrations":3}'),
      withId(id),
    );
    expect(ok.status).toBe(200);
    expect((await ok.json()).maxParallelMigrations).toBe(3);
  });
});
