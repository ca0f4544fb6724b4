// The estate-building routes end to end: the envelope, the status codes, one transaction each.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { bareDataDisk, bareHost, seedBareDomain } from "@/lib/testing/seed";
import { POST as postCluster } from "../clusters/route";
import { POST as validate } from "../clusters/validate/route";
import { GET as getInitiator, POST as initiator } from "../hosts/[id]/iscsi-initiator/route";
import { GET as getTargetServer } from "../hosts/[id]/iscsi-target/route";
import { DELETE as deleteTarget } from "./targets/[id]/route";
import { POST as postTarget } from "./targets/route";
import { POST as postDisk } from "./virtual-disks/route";

const none = { params: Promise.resolve({}) };
const withId = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const send = (path: string, method: string, body?: unknown) =>
  new Request(`http://localhost${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
async function envelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error).toMatchObject({ code, status });
  return body.error as { message: string; details?: { path: string; message: string }[] };
}
const iqn = (host: string) => `iqn.1991-05.com.microsoft:${host.toLowerCase()}.contoso.com`;

beforeEach(seedBareDomain);

describe("clusters", () => {
  it("validates (200, the report) and refuses a broken body (422 with paths)", async () => {
    const ok = await validate(
      send("/api/clusters/validate", "POST", { nodeIds: [bareHost("HV1"), bareHost("HV2")] }),
      none,
    );
    expect(ok.status).toBe(200);
    expect((await ok.json()).canCreate).toBe(true);
    const bad = await envelope(
      await validate(send("/api/clusters/validate", "POST", { nodeIds: [] }), none),
      422,
      "validation_failed",
    );
    expect(bad.details?.[0]?.path).toBe("nodeIds");
  });

  it("creates a cluster only when validation passes", async () => {
    await db.host.update({ where: { id: bareHost("HV2") }, data: { state: "Down" } });
    const body = { name: "CLUSTER1", ipAddress: "10.0.0.20", nodeIds: [bareHost("HV1"), bareHost("HV2")] };
    const refused = await envelope(
      await postCluster(send("/api/clusters", "POST", body), none),
      422,
      "validation_failed",
    );
    expect(refused.message).toMatch(/Validation failed/);
    await db.host.update({ where: { id: bareHost("HV2") }, data: { state: "Up" } });
    const created = await postCluster(send("/api/clusters", "POST", body), none);
    expect(created.status).toBe(201);
    expect((await created.json()).cluster.name).toBe("CLUSTER1");
  });
});

describe("iSCSI", () => {
  it("creates a disk and a target (201), connects a node, and refuses to remove the target (409)", async () => {
    const disk = await postDisk(
      send("/api/iscsi/virtual-disks", "POST", {
        dataDiskId: bareDataDisk(1),
        path: "E:\\d\\CSV1.vhdx",
        sizeGiB: 10,
      }),
      none,
    );
    expect(disk.status).toBe(201);
    const diskId = (await disk.json()).server.virtualDisks[0].id as number;
    const target = await postTarget(
      send("/api/iscsi/targets", "POST", {
        hostId: bareHost("SRV3"),
        name: "t1",
        initiatorIqns: [iqn("HV1")],
        virtualDiskIds: [diskId],
      }),
      none,
    );
    expect(target.status).toBe(201);
    const targetId = (await target.json()).server.targets[0].id as number;
    const hv1 = bareHost("HV1");
    for (const action of [
      { action: "discover", address: "192.168.20.13" },
      { action: "connect", targetId },
    ]) {
      const res = await initiator(send(`/api/hosts/${hv1}/iscsi-initiator`, "POST", action), withId(hv1));
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const seen = await getInitiator(send(`/api/hosts/${hv1}/iscsi-initiator`, "GET"), withId(hv1));
    expect((await seen.json()).targets[0].status).toBe("Connected");
    const refused = await envelope(
      await deleteTarget(send(`/api/iscsi/targets/${targetId}`, "DELETE"), withId(targetId)),
      409,
      "conflict",
    );
    expect(refused.message).toMatch(/HV1 is connected to target 't1'/);
  });

  it("answers 404 for an unknown server and 422 for an unknown action", async () => {
    await envelope(
      await getTargetServer(send("/api/hosts/999999/iscsi-target", "GET"), withId(999_999)),
      404,
      "not_found",
    );
    const hv1 = bareHost("HV1");
    await envelope(
      await initiator(send(`/api/hosts/${hv1}/iscsi-initiator`, "POST", { action: "format" }), withId(hv1)),
      422,
      "validation_failed",
    );
  });
});
