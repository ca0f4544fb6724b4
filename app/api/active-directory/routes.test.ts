// The Active Directory routes and the purge, through their handlers: status codes and the envelope.
import { beforeEach, describe, expect, it } from "vitest";
import { POST as purge } from "@/app/api/hosts/[id]/purge-tickets/route";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { GET as getAccount, PATCH as patchAccount } from "./computers/[id]/route";
import { GET as listAccounts } from "./computers/route";
import { PATCH as patchSettings } from "./settings/route";

const none = { params: Promise.resolve({}) };
const withId = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const send = (path: string, method: string, body: unknown) =>
  new Request(`http://localhost${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

beforeEach(seedDemo);

describe("/api/active-directory", () => {
  it("lists the accounts and answers one; an unknown one is a 404 in the envelope", async () => {
    const list = await listAccounts(new Request("http://localhost/api/active-directory/computers"), none);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(6);
    const hv3 = idOf("hosts", "HV3");
    expect(
      (await getAccount(new Request(`http://localhost/api/active-directory/computers/${hv3}`), withId(hv3)))
        .status,
    ).toBe(200);
    const missing = await getAccount(
      new Request("http://localhost/api/active-directory/computers/999999"),
      withId(999_999),
    );
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("a Delegation tab: 422 with the paths for a bad body, 200 with the pending change for a good one", async () => {
    const hv3 = idOf("hosts", "HV3");
    const path = `/api/active-directory/computers/${hv3}`;
    const bad = await patchAccount(
      send(path, "PATCH", { mode: "specified", services: [{ service: "http", hostId: 0 }] }),
      withId(hv3),
    );
    expect(bad.status).toBe(422);
    const error = ((await bad.json()) as { error: { code: string; details: { path: string }[] } }).error;
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d) => d.path).sort()).toEqual(["services.0.hostId", "services.0.service"]);
    expect((await patchAccount(send(path, "PATCH", "{"), withId(hv3))).status).toBe(400);

    const good = await patchAccount(
      send(path, "PATCH", {
        mode: "specified",
        anyProtocol: true,
        services: [{ service: "cifs", hostId: idOf("hosts", "HV1") }],
      }),
      withId(hv3),
    );
    expect(good.status).toBe(200);
    const view = (await good.json()) as { pendingUntil: string | null; effective: { mode: string } };
    expect(view.pendingUntil).not.toBeNull();
    expect(view.effective.mode).toBe("none");

    const purged = await purge(send(`/api/hosts/${hv3}/purge-tickets`, "POST", {}), withId(hv3));
    expect(purged.status).toBe(200);
    expect(((await purged.json()) as { pendingUntil: string | null }).pendingUntil).toBeNull();
  });

  it("the replication delay is 0 to 1440 minutes", async () => {
    const bad = await patchSettings(
      send("/api/active-directory/settings", "PATCH", { replicationMinutes: 1441 }),
      none,
    );
    expect(bad.status).toBe(422);
    const good = await patchSettings(
      send("/api/active-directory/settings", "PATCH", { replicationMinutes: 5 }),
      none,
    );
    expect(good.status).toBe(200);
    expect(
      ((await good.json()) as { domain: { replicationMinutes: number } }).domain.replicationMinutes,
    ).toBe(5);
  });
});
