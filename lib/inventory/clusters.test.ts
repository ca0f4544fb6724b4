// Integration: clusters, storage and the event log against a real SQLite file.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ClusterListQuery, CreateClusterInput } from "@/lib/schemas/cluster";
import { EventListQuery } from "@/lib/schemas/event-log";
import { rejection } from "@/lib/testing/rejection";
import { demo, idOf, seedDemo } from "@/lib/testing/seed";
import { createValidatedCluster } from "./cluster-create";
import { getCluster, listClusters } from "./clusters";
import { listEventLog } from "./event-log";
import { getStorage } from "./storage";
import { applyVmAction } from "./vms";

describe("reads", () => {
  beforeAll(seedDemo);

  it("lists CLUSTER1 with its nodes, roles and volume", async () => {
    const page = await listClusters(ClusterListQuery.parse({}));
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      name: "CLUSTER1",
      type: "Cluster",
      state: "Up",
      osVersion: "Windows Server 2022 Datacenter",
      volumeCount: 1,
      roleCount: 9,
      tags: ["production"],
    });
    expect(page.items[0]?.nodes.map((n) => n.name)).toEqual(["HV1", "HV2"]);
    expect((await listClusters(ClusterListQuery.parse({ q: "nomatch" }))).items).toEqual([]);
  });

  it("getCluster: node memory, clustered roles, networks and the CSV's iSCSI backing", async () => {
    const c = await getCluster(idOf("clusters", "CLUSTER1"));
    expect(c.roles).toEqual({ total: 9, running: 7, off: 2 });
    expect(c.nodes.map((n) => [n.name, n.roleCount, n.memory.guestMiB])).toEqual([
      ["HV1", 5, 112 * 1024],
      ["HV2", 4, 24 * 1024],
    ]);
    expect(c.networks.find((n) => n.liveMigrationOrder === 1)?.subnet).toBe("192.168.10.0/24");
    expect(c.volumes).toHaveLength(1);
    expect(c.volumes[0]).toMatchObject({
      path: "C:\\ClusterStorage\\Volume1",
      vmDiskCount: 9,
      ownerHost: { name: "HV1" },
      backing: { server: "SRV3", target: "cluster1-csv", path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx" },
    });
    expect(c.disks.map((d) => [d.path, d.assignedTo])).toEqual([
      ["E:\\iSCSIVirtualDisks\\CSV1.vhdx", "Cluster Shared Volume (C:\\ClusterStorage\\Volume1)"],
      ["F:\\iSCSIVirtualDisks\\Witness.vhdx", "Disk Witness in Quorum"],
    ]);
    expect((await rejection(getCluster(999_999))).status).toBe(404);
  });

  it("getStorage: SRV3's target, its initiators (the nodes), virtual disks, data disks and the CSV", async () => {
    const s = await getStorage();
    expect(s.targets).toHaveLength(1);
    const target = s.targets[0];
    expect(target?.host.name).toBe("SRV3");
    expect(target?.initiators.map((i) => i.host?.name)).toEqual(["HV1", "HV2"]);
    expect(target?.virtualDisks.map((d) => [d.path, d.dataDisk.driveLetter])).toEqual([
      ["E:\\iSCSIVirtualDisks\\CSV1.vhdx", "E"],
      ["F:\\iSCSIVirtualDisks\\Witness.vhdx", "F"],
    ]);
    expect(s.dataDisks.map((d) => `${d.host.name}:${d.number}`)).toEqual([
      "SRV3:1",
      "SRV3:2",
      "SRV3:3",
      "SRV3:4",
    ]);
    expect(s.volumes).toEqual([
      expect.objectContaining({
        path: "C:\\ClusterStorage\\Volume1",
        cluster: { id: 1, name: "CLUSTER1" },
        vmDiskCount: 9,
      }),
    ]);
  });

  it("lists events newest first, ties by id, with host and VM names", async () => {
    const page = await listEventLog(EventListQuery.parse({}));
    expect(page.total).toBe(demo.events.length);
    const times = page.items.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(page.items[0]).toMatchObject({ eventId: 18500, hostName: "HV1", vmName: "ANALYTICS01" });
    expect(page.items.at(-1)).toMatchObject({ eventId: 10, hostName: "SRV3", vmName: null });
  });

  it("filters events by level, host and VM, and pages", async () => {
    const errors = await listEventLog(EventListQuery.parse({ level: "Error" }));
    expect(errors.items.map((e) => [e.eventId, e.vmName])).toEqual([[21502, "LEGACY-APP"]]);
    const hv2 = await listEventLog(EventListQuery.parse({ hostId: String(idOf("hosts", "HV2")) }));
    expect(hv2.items.every((e) => e.hostName === "HV2")).toBe(true);
    expect(hv2.total).toBe(demo.events.filter((e) => e.hostId === idOf("hosts", "HV2")).length);
    const web02 = await listEventLog(EventListQuery.parse({ vmId: String(idOf("vms", "WEB02")) }));
    expect(web02.items.map((e) => e.eventId)).toEqual([20415, 20413]);
    const first = await listEventLog(EventListQuery.parse({ limit: "4" }));
    const second = await listEventLog(EventListQuery.parse({ limit: "4", cursor: first.nextCursor ?? "" }));
    expect(first.nextCursor).toBe("4");
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(
      (await listEventLog(EventListQuery.parse({ limit: "8" }))).items.map((e) => e.id),
    );
  });
});

describe("writes", () => {
  beforeEach(seedDemo);

  it("an action's event lands in the VM's log", async () => {
    const id = idOf("vms", "TEST01");
    await applyVmAction(id, "start");
    const log = await listEventLog(EventListQuery.parse({ vmId: String(id) }));
    expect(log.items.map((e) => [e.eventId, e.message])).toEqual([[18500, "'TEST01' started successfully."]]);
  });

  it("refuses a name used by a cluster or a server (409)", async () => {
    for (const name of ["CLUSTER1", "HV3"]) {
      const error = await rejection(
        createValidatedCluster(
          CreateClusterInput.parse({ name, ipAddress: "10.0.0.30", nodeIds: [idOf("hosts", "HV4")] }),
        ),
      );
      expect(error.status).toBe(409);
    }
    expect(await db.cluster.count()).toBe(1);
  });
});
