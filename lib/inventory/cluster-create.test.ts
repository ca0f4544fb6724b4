// Test-Cluster and New-Cluster against a real SQLite file: every validation check is computed from
// the estate, so each test changes the estate until the check fails, then puts it back.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { TestResult } from "@/lib/hyperv/cluster-validation";
import { CreateClusterInput } from "@/lib/schemas/cluster";
import { rejection } from "@/lib/testing/rejection";
import { bareDataDisk, bareHost, seedBareDomain } from "@/lib/testing/seed";
import { clusterValidation, createValidatedCluster } from "./cluster-create";
import { createTarget, createVirtualDisk } from "./iscsi";
import { initiatorAction } from "./iscsi-initiator";

const HV1 = () => bareHost("HV1");
const HV2 = () => bareHost("HV2");
const validate = () => clusterValidation({ nodeIds: [HV1(), HV2()] });
async function result(id: string): Promise<TestResult | undefined> {
  return (await validate()).tests.find((t) => t.id === id)?.result;
}
const iqn = (host: string) => `iqn.1991-05.com.microsoft:${host.toLowerCase()}.contoso.com`;

/** SRV3 serves one formatted disk to `nodes` (all of them connected). */
async function shareDisk(nodes: string[]): Promise<number> {
  const { server } = await createVirtualDisk({
    dataDiskId: bareDataDisk(1),
    path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx",
    sizeGiB: 500,
    type: "Fixed",
  });
  const disk = server.virtualDisks[0]?.id as number;
  const { server: after } = await createTarget({
    hostId: bareHost("SRV3"),
    name: "cluster1-csv",
    initiatorIqns: [iqn("HV1"), iqn("HV2")],
    virtualDiskIds: [disk],
  });
  const target = after.targets[0]?.id as number;
  for (const node of nodes) {
    await initiatorAction(bareHost(node), { action: "discover", address: "192.168.20.13" });
    await initiatorAction(bareHost(node), { action: "connect", targetId: target });
  }
  if (nodes[0]) await initiatorAction(bareHost(nodes[0]), { action: "online", virtualDiskId: disk });
  return disk;
}

beforeEach(seedBareDomain);

describe("Test-Cluster on the bare domain", () => {
  it("passes HV1 and HV2 but warns that no disk is shared yet", async () => {
    const report = await validate();
    expect(report.nodes).toEqual(["HV1", "HV2"]);
    expect(report.canCreate).toBe(true);
    expect(report.tests.filter((t) => t.result !== "Success").map((t) => [t.id, t.result])).toEqual([
      ["shared-storage", "Warning"],
    ]);
    expect(report.networks.map((n) => [n.subnet, n.role, n.liveMigrationOrder])).toEqual([
      ["10.0.0.0/24", "ClusterAndClient", 2],
      ["192.168.10.0/24", "ClusterOnly", 1],
      ["192.168.20.0/24", "None", null],
    ]);
    expect(report.powershell).toBe("Test-Cluster -Node HV1,HV2");
  });

  it("refuses an unknown server with its path", async () => {
    const error = await rejection(clusterValidation({ nodeIds: [HV1(), 999_999] }));
    expect(error.details).toEqual([{ path: "nodeIds.1", message: "No server has id 999999." }]);
  });

  // Each check: a change to the estate that breaks it, and the change back.
  const cases: {
    id: string;
    as: TestResult;
    breaks: () => Promise<unknown>;
    fixes: () => Promise<unknown>;
  }[] = [
    {
      id: "node-reachable",
      as: "Failed",
      breaks: () => db.host.update({ where: { id: HV2() }, data: { state: "Down" } }),
      fixes: () => db.host.update({ where: { id: HV2() }, data: { state: "Up" } }),
    },
    {
      id: "same-domain",
      as: "Failed",
      breaks: async () => {
        const other = await db.domain.create({
          data: {
            name: "fabrikam.com",
            netbiosName: "FABRIKAM",
            forestName: "fabrikam.com",
            functionalLevel: "x",
          },
        });
        await db.host.update({ where: { id: HV2() }, data: { domainId: other.id } });
      },
      fixes: () => db.host.update({ where: { id: HV2() }, data: { domainId: 1 } }),
    },
    {
      id: "same-os-edition",
      as: "Failed",
      breaks: () =>
        db.host.update({ where: { id: HV2() }, data: { osVersion: "Windows Server 2022 Standard" } }),
      fixes: () =>
        db.host.update({ where: { id: HV2() }, data: { osVersion: "Windows Server 2022 Datacenter" } }),
    },
    {
      id: "same-os-version",
      as: "Failed",
      breaks: () => db.host.update({ where: { id: HV2() }, data: { osBuild: "10.0.17763" } }),
      fixes: () => db.host.update({ where: { id: HV2() }, data: { osBuild: "10.0.20348" } }),
    },
    {
      id: "cluster-service",
      as: "Failed",
      breaks: () => db.host.update({ where: { id: HV1() }, data: { roles: '["Hyper-V"]' } }),
      fixes: () =>
        db.host.update({ where: { id: HV1() }, data: { roles: '["Hyper-V","Failover Clustering"]' } }),
    },
    {
      id: "network-in-common",
      as: "Failed",
      breaks: async () => {
        for (const a of await db.networkAdapter.findMany({
          where: { hostId: HV2(), ipAddress: { not: null } },
        })) {
          await db.networkAdapter.update({
            where: { id: a.id },
            data: { ipAddress: a.ipAddress?.replace(/^(10\.0|192\.168)\./, "172.16.") },
          });
        }
      },
      fixes: async () => {
        for (const a of await db.networkAdapter.findMany({
          where: { hostId: HV2(), ipAddress: { not: null } },
        })) {
          const fixed =
            a.purpose === "Management"
              ? a.ipAddress?.replace(/^172\.16\./, "10.0.")
              : a.ipAddress?.replace(/^172\.16\./, "192.168.");
          await db.networkAdapter.update({ where: { id: a.id }, data: { ipAddress: fixed } });
        }
      },
    },
    {
      id: "ip-configuration",
      as: "Failed",
      breaks: () =>
        db.networkAdapter.updateMany({
          where: { hostId: HV2(), name: "LiveMigration" },
          data: { ipAddress: "192.168.10.11" },
        }),
      fixes: () =>
        db.networkAdapter.updateMany({
          where: { hostId: HV2(), name: "LiveMigration" },
          data: { ipAddress: "192.168.10.12" },
        }),
    },
    {
      id: "hyper-v-role",
      as: "Failed",
      breaks: () => db.host.update({ where: { id: HV2() }, data: { roles: '["Failover Clustering"]' } }),
      fixes: () =>
        db.host.update({ where: { id: HV2() }, data: { roles: '["Hyper-V","Failover Clustering"]' } }),
    },
    {
      id: "virtual-switches",
      as: "Warning",
      breaks: () => db.virtualSwitch.deleteMany({ where: { hostId: HV2() } }),
      fixes: () => db.virtualSwitch.create({ data: { hostId: HV2(), name: "Production", type: "External" } }),
    },
    {
      id: "processor-manufacturer",
      as: "Warning",
      breaks: () => db.host.update({ where: { id: HV2() }, data: { cpuVendor: "AMD" } }),
      fixes: () => db.host.update({ where: { id: HV2() }, data: { cpuVendor: "Intel" } }),
    },
  ];
  for (const c of cases) {
    it(`${c.id}: the estate makes it ${c.as}, and fixing the estate makes it pass`, async () => {
      expect(await result(c.id)).toBe("Success");
      await c.breaks();
      const broken = await validate();
      expect(broken.tests.find((t) => t.id === c.id)?.result).toBe(c.as);
      expect(broken.canCreate).toBe(c.as !== "Failed");
      await c.fixes();
      expect(await result(c.id)).toBe("Success");
    });
  }

  it("shared-storage: warns while a disk reaches one node, passes once both are connected", async () => {
    expect(await result("shared-storage")).toBe("Warning");
    await shareDisk(["HV1"]);
    const partial = (await validate()).tests.find((t) => t.id === "shared-storage");
    expect(partial?.result).toBe("Warning");
    expect(partial?.messages.join(" ")).toMatch(/CSV1.vhdx is not reachable from HV2/);
    const target = (await db.iscsiTarget.findFirstOrThrow()).id;
    await initiatorAction(HV2(), { action: "discover", address: "192.168.20.13" });
    await initiatorAction(HV2(), { action: "connect", targetId: target });
    expect(await result("shared-storage")).toBe("Success");
  });

  it("cluster-service: fails for a server already in a cluster", async () => {
    await createValidatedCluster(
      CreateClusterInput.parse({ name: "CLUSTER1", ipAddress: "10.0.0.20", nodeIds: [HV1()] }),
    );
    expect(await result("cluster-service")).toBe("Failed");
  });
});

describe("New-Cluster", () => {
  const input = (over: Record<string, unknown> = {}) =>
    CreateClusterInput.parse({ name: "CLUSTER1", ipAddress: "10.0.0.20", nodeIds: [HV1(), HV2()], ...over });

  it("creates the cluster with its networks and quorum, with the warnings, the events and the PowerShell", async () => {
    const created = await createValidatedCluster(input());
    expect(created.cluster).toMatchObject({
      name: "CLUSTER1",
      ipAddress: "10.0.0.20",
      witness: { type: "none" },
    });
    expect(created.cluster.nodes.map((n) => n.name)).toEqual(["HV1", "HV2"]);
    expect(created.cluster.networks.map((n) => [n.name, n.role])).toEqual([
      ["Cluster Network 1", "ClusterAndClient"],
      ["Cluster Network 2", "ClusterOnly"],
      ["Cluster Network 3", "None"],
    ]);
    expect(created.warnings.join(" ")).toMatch(/No disks were found/);
    expect(created.warnings.join(" ")).toMatch(/if either node fails, the cluster stops/);
    expect(created.powershell.split("\n")).toEqual([
      "Test-Cluster -Node HV1,HV2",
      "New-Cluster -Name CLUSTER1 -Node HV1,HV2 -StaticAddress 10.0.0.20 -NoStorage",
      "Set-ClusterQuorum -Cluster CLUSTER1 -NoWitness",
    ]);
    const events = await db.eventLogEntry.findMany({ orderBy: { id: "asc" } });
    expect(new Set(events.map((e) => e.channel))).toEqual(
      new Set(["Microsoft-Windows-FailoverClustering/Operational"]),
    );
    expect(events.map((e) => e.eventId)).toContain(1201);
  });

  it("refuses when a validation test fails, and creates nothing", async () => {
    await db.host.update({ where: { id: HV2() }, data: { osVersion: "Windows Server 2022 Standard" } });
    const error = await rejection(createValidatedCluster(input()));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/Validation failed/);
    expect(JSON.stringify(error.details)).toMatch(/Validate Operating System Edition/);
    expect(await db.cluster.count()).toBe(0);
    expect((await db.host.findUniqueOrThrow({ where: { id: HV1() } })).clusterId).toBeNull();
  });

  it("refuses a static address outside the client network or already in use", async () => {
    for (const [ipAddress, message] of [
      ["192.168.10.20", "The address must be in the cluster's client network (10.0.0.0/24)."],
      ["10.0.0.13", "10.0.0.13 is already used by the server SRV3."],
      ["10.0.0.255", "10.0.0.255 is the broadcast address of 10.0.0.0/24."],
    ] as const) {
      const error = await rejection(createValidatedCluster(input({ ipAddress })));
      expect(error.details).toEqual([{ path: "ipAddress", message }]);
    }
    expect(await db.cluster.count()).toBe(0);
  });

  it("takes a file share witness on a server outside the cluster, not on a node", async () => {
    const onNode = await rejection(
      createValidatedCluster(input({ witness: { type: "fileShare", path: "\\\\HV1\\Witness" } })),
    );
    expect(onNode.details).toEqual([
      {
        path: "witness.path",
        message:
          "HV1 is a node of this cluster: a witness must be on a server outside it, or losing that node loses the witness too.",
      },
    ]);
    const nowhere = await rejection(
      createValidatedCluster(input({ witness: { type: "fileShare", path: "\\\\NAS9\\W" } })),
    );
    expect(nowhere.details).toEqual([
      { path: "witness.path", message: "No server named NAS9 is in the domain to hold the share." },
    ]);
    const created = await createValidatedCluster(
      input({ witness: { type: "fileShare", path: "\\\\DC1\\Witness" } }),
    );
    expect(created.cluster.witness).toEqual({ type: "fileShare", path: "\\\\DC1\\Witness" });
    expect(created.warnings.join(" ")).not.toMatch(/no witness/);
  });

  it("adds every formatted disk the nodes share, and can make one the disk witness", async () => {
    const refused = await rejection(
      createValidatedCluster(input({ witness: { type: "disk", virtualDiskId: 77 } })),
    );
    expect(refused.details).toEqual([expect.objectContaining({ path: "witness.virtualDiskId" })]);
    const disk = await shareDisk(["HV1", "HV2"]);
    const created = await createValidatedCluster(input({ witness: { type: "disk", virtualDiskId: disk } }));
    expect(created.cluster.disks).toEqual([
      expect.objectContaining({
        name: "Cluster Disk 1",
        server: "SRV3",
        assignedTo: "Disk Witness in Quorum",
      }),
    ]);
    expect(created.cluster.witness).toEqual({ type: "disk", disk: "Cluster Disk 1" });
    expect(created.powershell).toMatch(
      /-StaticAddress 10.0.0.20\nSet-ClusterQuorum -Cluster CLUSTER1 -DiskWitness 'Cluster Disk 1'/,
    );
  });
});
