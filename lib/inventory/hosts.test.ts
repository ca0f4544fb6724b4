// Integration: lib/inventory/hosts.ts against a real SQLite file (lib/testing/setup-db.ts).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CreateHostInput, HostListQuery } from "@/lib/schemas/host";
import { rejection } from "@/lib/testing/rejection";
import { demo, idOf, seedDemo } from "@/lib/testing/seed";
import { createHost, deleteHost, getHost, listHosts, updateHost } from "./hosts";

const GiB = 1024;
const query = (q: Record<string, string> = {}) => HostListQuery.parse(q);
const input = (over: Record<string, unknown> = {}) =>
  CreateHostInput.parse({ name: "hv5", managementIp: "10.0.0.25", ...over });

async function counts() {
  return {
    hosts: await db.host.count(),
    vms: await db.vm.count(),
    adapters: await db.networkAdapter.count(),
    switches: await db.virtualSwitch.count(),
    events: await db.eventLogEntry.count(),
    clusters: await db.cluster.count(),
  };
}

describe("listHosts and getHost (read only)", () => {
  beforeAll(seedDemo);

  it("lists every server by name", async () => {
    const page = await listHosts(query());
    expect(page.items.map((h) => h.name)).toEqual(["DC1", "HV1", "HV2", "HV3", "HV4", "SRV3"]);
    expect(page.total).toBe(demo.hosts.length);
    expect(page.items[0]).toMatchObject({
      type: "Server",
      roles: ["Active Directory Domain Services", "DNS Server"],
    });
  });

  it("reports each host's memory as Hyper-V counts it (saved and off guests hold none)", async () => {
    const byName = new Map((await listHosts(query())).items.map((h) => [h.name, h]));
    expect(byName.get("HV1")?.memory).toEqual({
      totalMiB: 256 * GiB,
      hostReservedMiB: 8 * GiB,
      guestMiB: 112 * GiB,
      usedMiB: 120 * GiB,
      availableMiB: 136 * GiB,
    });
    expect(byName.get("HV1")?.vmCounts).toEqual({ total: 5, running: 5 });
    // HV2: WEB02 8 + SQL02 16 running; BUILD01 saved, TEMPLATE-2022 off.
    expect(byName.get("HV2")?.memory).toMatchObject({ guestMiB: 24 * GiB, availableMiB: 224 * GiB });
    expect(byName.get("HV2")?.vmCounts).toEqual({ total: 4, running: 2 });
    // HV3: APP01 8 running, DEV01 6 paused (a paused VM keeps its memory).
    expect(byName.get("HV3")?.memory).toMatchObject({ guestMiB: 14 * GiB, availableMiB: 108 * GiB });
    expect(byName.get("HV3")?.vmCounts).toEqual({ total: 3, running: 1 });
    expect(byName.get("DC1")?.memory).toMatchObject({ guestMiB: 0, availableMiB: 0 });
    expect(byName.get("DC1")?.vmCounts).toEqual({ total: 0, running: 0 });
  });

  it("filters by role, cluster, tag and search, and pages", async () => {
    const names = async (q: Record<string, string>) => (await listHosts(query(q))).items.map((h) => h.name);
    expect(await names({ role: "Hyper-V" })).toEqual(["HV1", "HV2", "HV3", "HV4"]);
    expect(await names({ role: "iSCSI Target Server" })).toEqual(["SRV3"]);
    expect(await names({ clusterId: String(idOf("clusters", "CLUSTER1")) })).toEqual(["HV1", "HV2"]);
    expect(await names({ tag: "lab" })).toEqual(["HV4"]);
    expect(await names({ q: "srv" })).toEqual(["SRV3"]);
    expect(await names({ q: "contoso.com" })).toHaveLength(6);
    // A tag is matched whole, not as a substring of another tag.
    expect(await names({ tag: "prod" })).toEqual([]);
    const page = await listHosts(query({ limit: "4" }));
    expect(page).toMatchObject({ nextCursor: "4", total: 6 });
    expect((await listHosts(query({ limit: "4", cursor: "4" }))).items.map((h) => h.name)).toEqual([
      "HV4",
      "SRV3",
    ]);
  });

  it("getHost has adapters, switches, live-migration settings, networks and delegations", async () => {
    const hv1 = await getHost(idOf("hosts", "HV1"));
    expect(hv1.adapters.map((a) => a.name)).toEqual(["Management", "LiveMigration", "iSCSI", "VM-Uplink"]);
    expect(hv1.switches).toEqual([
      expect.objectContaining({ name: "Legacy", type: "Internal", adapter: null }),
      expect.objectContaining({ name: "Production", type: "External", adapter: "VM-Uplink" }),
    ]);
    expect(hv1.migration).toMatchObject({
      enabled: true,
      authentication: "Kerberos",
      performanceOption: "SMB",
      useAnyNetwork: false,
      networks: [expect.objectContaining({ subnet: "192.168.10.0/24", priority: 8 })],
    });
    expect(hv1.delegations.map((d) => `${d.service}->${d.to.name}`).sort()).toEqual([
      "Microsoft Virtual System Migration Service->HV2",
      "cifs->HV2",
    ]);
    expect(hv1.domain).toEqual({ name: "contoso.com", netbiosName: "CONTOSO" });
    const srv3 = await getHost(idOf("hosts", "SRV3"));
    expect(srv3.dataDisks.map((d) => d.number)).toEqual([1, 2, 3, 4]);
    expect(srv3.migration).toBeNull();
    expect((await rejection(getHost(999_999))).status).toBe(404);
  });
});

describe("createHost", () => {
  beforeEach(seedDemo);

  it("adds a Hyper-V server to the domain with Hyper-V's default migration settings", async () => {
    const host = await createHost(input());
    expect(host).toMatchObject({
      name: "HV5",
      fqdn: "hv5.contoso.com",
      managementIp: "10.0.0.25",
      osBuild: "10.0.20348",
      state: "Up",
      roles: ["Hyper-V"],
      cluster: null,
      domain: { name: "contoso.com" },
      migration: { enabled: false, maxLiveMigrations: 2, authentication: "CredSSP", networks: [] },
    });
    expect(host.memory.hostReservedMiB).toBeGreaterThanOrEqual(2048);
    expect(host.adapters).toEqual([expect.objectContaining({ name: "Management", ipAddress: "10.0.0.25" })]);
    expect((await listHosts(query())).total).toBe(7);
  });

  it("Windows Server 2025 allows one live migration at a time; a non-Hyper-V server has no settings", async () => {
    const ws2025 = await createHost(input({ osVersion: "Windows Server 2025 Datacenter" }));
    expect(ws2025.osBuild).toBe("10.0.26100");
    expect(ws2025.migration?.maxLiveMigrations).toBe(1);
    const file = await createHost(
      input({ name: "FS9", managementIp: "10.0.0.26", roles: ["File and Storage Services"] }),
    );
    expect(file.migration).toBeNull();
  });

  it("adds a standalone server: joining a cluster goes through Create cluster's validation", async () => {
    const host = await createHost(input());
    expect(host.cluster).toBeNull();
    const refused = CreateHostInput.safeParse({ name: "HV8", managementIp: "10.0.0.28", clusterId: 1 });
    expect(refused.success).toBe(false);
  });

  it("refuses a duplicate name or FQDN with 409 and stores nothing", async () => {
    const before = await counts();
    for (const over of [{ name: "hv1" }, { name: "HV1", fqdn: "hv1.fabrikam.com" }]) {
      const error = await rejection(createHost(input(over)));
      expect(error.status).toBe(409);
      expect(error.code).toBe("conflict");
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses an FQDN whose first label is not the computer name (422 on fqdn)", async () => {
    const before = await counts();
    const error = await rejection(createHost(input({ name: "HV9", fqdn: "HV1.contoso.com" })));
    expect(error.status).toBe(422);
    expect(error.details).toEqual([{ path: "fqdn", message: expect.stringContaining("hv9.<domain>") }]);
    expect(await counts()).toEqual(before);
  });

  it("refuses the name of a cluster (its name object is a computer account too) with 409", async () => {
    const before = await counts();
    const error = await rejection(createHost(input({ name: "cluster1" })));
    expect(error.status).toBe(409);
    expect(await counts()).toEqual(before);
  });
});

describe("updateHost", () => {
  beforeEach(seedDemo);

  it("pauses a cluster node, but not a standalone server", async () => {
    expect((await updateHost(idOf("hosts", "HV2"), { state: "Paused" })).state).toBe("Paused");
    const error = await rejection(updateHost(idOf("hosts", "HV3"), { state: "Paused" }));
    expect(error.status).toBe(409);
    expect((await getHost(idOf("hosts", "HV3"))).state).toBe("Up");
  });

  it("takes a server down only when no VM runs on it", async () => {
    const error = await rejection(updateHost(idOf("hosts", "HV4"), { state: "Down" }));
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      "HV4 still runs 1 virtual machine(s). Move them or turn them off before you take the server down.",
    );
    expect((await getHost(idOf("hosts", "HV4"))).state).toBe("Up");
    expect((await updateHost(idOf("hosts", "SRV3"), { state: "Down" })).state).toBe("Down");
  });

  it("changes live-migration settings and replaces the network list", async () => {
    const id = idOf("hosts", "HV4");
    const host = await updateHost(id, {
      migration: {
        enabled: true,
        authentication: "Kerberos",
        useAnyNetwork: false,
        networks: [
          { subnet: "192.168.10.0/24", priority: 8 },
          { subnet: "10.0.0.0/24", priority: 4 },
        ],
      },
    });
    expect(host.migration).toMatchObject({ enabled: true, authentication: "Kerberos", maxLiveMigrations: 1 });
    expect(host.migration?.networks.map((n) => n.subnet)).toEqual(["10.0.0.0/24", "192.168.10.0/24"]);
    const cleared = await updateHost(id, { migration: { networks: [] } });
    expect(cleared.migration?.networks).toEqual([]);
    expect(cleared.migration?.enabled).toBe(true);
  });

  it("refuses migration settings on a server without Hyper-V and keeps the rest of the request out too", async () => {
    const id = idOf("hosts", "DC1");
    const error = await rejection(updateHost(id, { tags: ["changed"], migration: { enabled: true } }));
    expect(error.status).toBe(409);
    const dc1 = await getHost(id);
    expect(dc1.tags).toEqual(["infrastructure"]);
    expect(dc1.migration).toBeNull();
  });

  it("answers 404 for an unknown host", async () => {
    expect((await rejection(updateHost(999_999, { tags: [] }))).status).toBe(404);
  });
});

describe("deleteHost", () => {
  beforeEach(seedDemo);

  it("refuses a host that still owns VMs with 409 and deletes nothing", async () => {
    const before = await counts();
    const error = await rejection(deleteHost(idOf("hosts", "HV1")));
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ vms: 5 });
    expect(error.message).toContain("HV1 still owns 5 virtual machine(s).");
    expect(await counts()).toEqual(before);
  });

  it("refuses the iSCSI target server the CSV depends on", async () => {
    const before = await counts();
    expect((await rejection(deleteHost(idOf("hosts", "SRV3")))).status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("refuses a cluster node until it is evicted, and deletes nothing", async () => {
    const { id } = await createHost(input());
    await db.host.update({ where: { id }, data: { clusterId: idOf("clusters", "CLUSTER1") } });
    const before = await counts();
    const error = await rejection(deleteHost(id));
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      "HV5 is a node of CLUSTER1. Evict it from the cluster (Remove-ClusterNode) before removing the server.",
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses a server that a queued or running move goes to, until the move ends", async () => {
    const { id } = await createHost(input());
    const migration = await db.migration.create({
      data: {
        vmId: idOf("vms", "APP01"),
        vmName: "APP01",
        kind: "shared-nothing",
        sourceHostId: idOf("hosts", "HV3"),
        destinationHostId: id,
        startedFrom: "source-session",
        status: "running",
        speed: 1,
        seed: 1,
        switchMap: {},
        input: {},
        prediction: {},
      },
    });
    const error = await rejection(deleteHost(id));
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      `HV5 takes part in the move of 'APP01' (migration ${migration.id}). Wait for it to finish, or cancel it, before removing the server.`,
    );
    await db.migration.update({ where: { id: migration.id }, data: { status: "failed" } });
    await deleteHost(id);
    expect(await db.host.findUnique({ where: { id } })).toBeNull();
  });

  it("removes a server without VMs, with its adapters and settings", async () => {
    const { id } = await createHost(input());
    await deleteHost(id);
    expect(await db.host.findUnique({ where: { id } })).toBeNull();
    expect(await db.networkAdapter.count({ where: { hostId: id } })).toBe(0);
    expect(await db.migrationSettings.count({ where: { hostId: id } })).toBe(0);
    expect((await rejection(deleteHost(id))).status).toBe(404);
  });
});
