// Integration: planMigration against the seeded estate on a real SQLite file (lib/testing/setup-db.ts).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/http/errors";
import { credSspText, HARDWARE_TEXT, missingSwitchText } from "@/lib/hyperv/failure-texts";
import { rejection } from "@/lib/testing/rejection";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { planMigration } from "./plan";

const vm = (name: string) => idOf("vms", name);
const host = (name: string) => idOf("hosts", name);
const GiB = 1024;
const errors = (plan: { report: { incompatibilities: { level: string; message: string }[] } }) =>
  plan.report.incompatibilities.filter((i) => i.level === "error").map((i) => i.message);

describe("planMigration (read only)", () => {
  beforeAll(seedDemo);

  it("FS01 on HV1: a clustered VM defaults to a live migration to the best node, HV2", async () => {
    const plan = await planMigration(db, { vmId: vm("FS01") });
    expect(plan.kind).toBe("live");
    expect(plan.vm).toEqual({
      id: vm("FS01"),
      name: "FS01",
      state: "Running",
      hostId: host("HV1"),
      hostName: "HV1",
      clustered: true,
    });
    expect(plan.destination).toEqual({ hostId: host("HV2"), name: "HV2", chosenAsBest: true });
    expect(plan.report).toEqual({
      vm: "FS01",
      operationType: "MoveVirtualMachine",
      destination: "HV2",
      incompatibilities: [],
      canMove: true,
    });
    expect(plan.sourceHostId).toBe(host("HV1"));
    expect(plan.destinationHostId).toBe(host("HV2"));
    expect(plan.defaultStoragePath).toBeNull();
    expect(plan.switches).toEqual([{ name: "Production", existsOnDestination: true }]);
    expect(plan.destinationSwitches).toEqual(["Production"]);
    expect(plan.powershell).toBe(
      "Move-ClusterVirtualMachineRole -Name FS01 -Node HV2 -MigrationType Live -Cluster CLUSTER1",
    );
    expect(plan.prediction?.converged).toBe(true);
    expect(plan.prediction?.passes).toBeGreaterThanOrEqual(1);
    // HV1 and HV2 use SMB over RDMA NICs of 25 Gbit/s each end, with the host's pass cap.
    expect(plan.engineInput).toMatchObject({
      memoryBytes: 4 * 2 ** 30,
      pageBytes: 4096,
      transport: "smb",
      link: {
        bytesPerSecond: 25e9 / 8,
        nics: 1,
        rdma: true,
        id: `lm-out:${host("HV1")}`,
        via: [{ id: `lm-in:${host("HV2")}`, bytesPerSecond: 25e9 / 8 }],
      },
      policy: { maxPasses: 10 },
      seed: 1,
    });
  });

  it("lists the kinds with reasons: a clustered VM cannot move shared-nothing; a standalone one cannot live-migrate", async () => {
    const clustered = await planMigration(db, { vmId: vm("FS01") });
    expect(clustered.kinds.map((k) => [k.kind, k.enabled])).toEqual([
      ["live", true],
      ["shared-nothing", false],
      ["storage", true],
      ["quick", true],
    ]);
    expect(clustered.kinds[1]?.reason).toContain("clustered role of CLUSTER1");
    const standalone = await planMigration(db, { vmId: vm("APP01") });
    expect(standalone.kind).toBe("shared-nothing");
    expect(standalone.kinds.filter((k) => !k.enabled).map((k) => k.kind)).toEqual(["live", "quick"]);
    expect(standalone.kinds[0]?.reason).toBe(
      "Virtual machine 'APP01' is not a clustered role, so it cannot be moved by live migration between cluster nodes.",
    );
  });

  it("lists every other Hyper-V host with free memory, vendor, state, missing switches and the first reason", async () => {
    const plan = await planMigration(db, { vmId: vm("LEGACY-APP") });
    expect(plan.destinations.map((d) => d.name)).toEqual(["HV2", "HV3", "HV4"]);
    const [hv2, hv3, hv4] = plan.destinations;
    // HV2: 256 GiB - 8 reserved - WEB02 8 - SQL02 16 (BUILD01 is saved, TEMPLATE-2022 off).
    expect(hv2).toMatchObject({
      freeMemoryMiB: 224 * GiB,
      cpuVendor: "Intel",
      state: "Up",
      missingSwitches: ["Legacy"],
      sameCluster: true,
      compatible: false,
    });
    expect(hv2?.reason).toContain("HV2 has no virtual switch named 'Legacy'");
    // HV3: 128 - 6 reserved - APP01 8 - DEV01 6 (paused VMs hold memory; TEST01 is off).
    expect(hv3).toMatchObject({ freeMemoryMiB: 108 * GiB, sameCluster: false, compatible: false });
    expect(hv4).toMatchObject({ cpuVendor: "AMD", compatible: false });
    // No host is compatible, but HV2 lacks only the switch: "best" resolves to it, so that Options
    // can offer HV2's switches to map Legacy to.
    expect(plan.destination).toEqual({ hostId: host("HV2"), name: "HV2", chosenAsBest: true });
    expect(plan.destinationSwitches).toContain("Production");
    expect(plan.switches).toEqual([{ name: "Legacy", existsOnDestination: false }]);
    expect(plan.report.canMove).toBe(false);
    expect(plan.report.incompatibilities).toEqual([expect.objectContaining({ messageId: 33012 })]);
    expect(plan.prediction).toBeNull();
    expect(plan.engineInput).toBeNull();
  });

  it("best resolves to nothing when the hosts lacking only the switch have another blocking reason", async () => {
    // HV2 and HV3 down as well: no host is left that a switch mapping would make compatible.
    await db.host.updateMany({ where: { name: { in: ["HV2", "HV3"] } }, data: { state: "Down" } });
    try {
      const plan = await planMigration(db, { vmId: vm("LEGACY-APP") });
      expect(plan.destination).toBeNull();
      expect(plan.destinationSwitches).toEqual([]);
      expect(plan.report.canMove).toBe(false);
      expect(plan.report.destination).toBe("");
      expect(plan.powershell).toBe("");
    } finally {
      await db.host.updateMany({ where: { name: { in: ["HV2", "HV3"] } }, data: { state: "Up" } });
    }
  });

  it("LEGACY-APP -> HV2 fails on the Legacy switch (33012) unless the switch map maps it", async () => {
    const blocked = await planMigration(db, { vmId: vm("LEGACY-APP"), destinationHostId: host("HV2") });
    expect(blocked.report.incompatibilities).toEqual([
      expect.objectContaining({ level: "error", messageId: 33012, message: missingSwitchText("Legacy") }),
    ]);
    expect(blocked.switches).toEqual([{ name: "Legacy", existsOnDestination: false }]);
    expect(blocked.destination).toEqual({ hostId: host("HV2"), name: "HV2", chosenAsBest: false });
    const mapped = await planMigration(db, {
      vmId: vm("LEGACY-APP"),
      destinationHostId: "best",
      switchMap: { Legacy: "Production" },
    });
    expect(mapped.report.canMove).toBe(true);
    expect(mapped.destination?.name).toBe("HV2");
    expect(mapped.powershell).toBe(
      [
        "Get-VMNetworkAdapter -VMName LEGACY-APP -ComputerName HV1 | Where-Object SwitchName -eq 'Legacy' | Connect-VMNetworkAdapter -SwitchName 'Production'",
        "Move-ClusterVirtualMachineRole -Name LEGACY-APP -Node HV2 -MigrationType Live -Cluster CLUSTER1",
      ].join("\n"),
    );
  });

  it("anything -> HV4 fails: migrations disabled there and the AMD hardware text", async () => {
    const plan = await planMigration(db, {
      vmId: vm("APP01"),
      destinationHostId: host("HV4"),
      startedFrom: "source-session",
    });
    expect(errors(plan)).toEqual(["Live migrations are not enabled on host 'HV4'.", HARDWARE_TEXT]);
  });

  it("APP01 (HV3, CredSSP) shared-nothing to HV1 fails from the gateway with 0x8009030D, passes from a session on HV3", async () => {
    const gateway = await planMigration(db, { vmId: vm("APP01"), destinationHostId: host("HV1") });
    expect(gateway.report.incompatibilities).toEqual([
      expect.objectContaining({
        level: "error",
        messageId: 0,
        message: credSspText("admin-center", "HV1"),
      }),
    ]);
    expect(gateway.report.incompatibilities[0]?.message).toContain("(0x8009030D)");
    const onSource = await planMigration(db, {
      vmId: vm("APP01"),
      destinationHostId: host("HV1"),
      startedFrom: "source-session",
    });
    // APP01 has Dynamic Memory up to 16 GiB, and HV1 has room: no warning either.
    expect(onSource.report).toMatchObject({
      operationType: "MoveVirtualMachineAndStorage",
      incompatibilities: [],
      canMove: true,
    });
    expect(onSource.defaultStoragePath).toBe("D:\\Hyper-V\\APP01");
    expect(onSource.powershell).toBe(
      "Move-VM -Name APP01 -DestinationHost HV1 -IncludeStorage -DestinationStoragePath 'D:\\Hyper-V\\APP01'",
    );
    // The 38 GiB disk crosses before the memory, in its own stage, read from HV3's disks and
    // written to HV1's; the prediction counts it.
    expect(onSource.engineInput?.storage).toMatchObject({ bytes: 38 * 2 ** 30 });
    expect(onSource.engineInput?.policy?.setupMs).toBeUndefined();
    expect(onSource.prediction?.storage).toMatchObject({ bytes: 38 * 2 ** 30, completed: true });
    expect(onSource.engineInput).toMatchObject({ transport: "compression", link: { rdma: false } });
    const signedInElsewhere = await planMigration(db, {
      vmId: vm("APP01"),
      destinationHostId: host("HV1"),
      startedFrom: "source-session",
      signedInHostId: host("HV1"),
    });
    expect(errors(signedInElsewhere)).toEqual([credSspText("source-session", "HV1")]);
    expect(errors(signedInElsewhere)[0]).toContain("(0x8009030E)");
  });

  it("an Off VM cannot live-migrate; its storage can move", async () => {
    const plan = await planMigration(db, { vmId: vm("TEMPLATE-2022") });
    expect(plan.kinds.find((k) => k.kind === "live")).toEqual({
      kind: "live",
      enabled: false,
      reason: "Virtual machine 'TEMPLATE-2022' is Off: a live migration needs a running virtual machine.",
    });
    expect(plan.kinds.find((k) => k.kind === "storage")?.enabled).toBe(true);
    expect(plan.report.canMove).toBe(false);
  });

  it("a storage move stays on the VM's host and needs a new folder", async () => {
    const plan = await planMigration(db, {
      vmId: vm("APP01"),
      kind: "storage",
      storagePath: "E:\\VMs\\APP01",
    });
    expect(plan.destinations.map((d) => d.name)).toEqual(["HV3"]);
    expect(plan.destination).toEqual({ hostId: host("HV3"), name: "HV3", chosenAsBest: true });
    expect(plan.report).toMatchObject({ operationType: "MoveVirtualMachineStorage", canMove: true });
    expect(plan.powershell).toBe(
      "Move-VMStorage -VMName APP01 -DestinationStoragePath 'E:\\VMs\\APP01' -ComputerName HV3",
    );
    expect(plan.engineInput).toMatchObject({
      storage: { bytes: 38 * 2 ** 30 },
      transport: "raw",
      link: { bytesPerSecond: 500e6, id: `disk:${host("HV3")}` },
      policy: { memory: false },
    });
    const elsewhere = await planMigration(db, {
      vmId: vm("APP01"),
      kind: "storage",
      destinationHostId: host("HV1"),
    });
    expect(elsewhere.report.canMove).toBe(false);
  });

  it("a quick migration saves, moves and restores: no passes, all memory in the blackout", async () => {
    const plan = await planMigration(db, {
      vmId: vm("WEB01"),
      kind: "quick",
      startedFrom: "failover-cluster-manager",
    });
    expect(plan.report.canMove).toBe(true);
    expect(plan.prediction?.passes).toBe(0);
    expect(plan.prediction?.downtimeMs).toBeGreaterThan(5000);
    expect(plan.powershell).toBe(
      "Move-ClusterVirtualMachineRole -Name WEB01 -Node HV2 -MigrationType Quick -Cluster CLUSTER1",
    );
  });

  it("Hyper-V Manager cannot live-migrate a clustered VM", async () => {
    const plan = await planMigration(db, { vmId: vm("FS01"), startedFrom: "hyper-v-manager" });
    expect(plan.kinds.find((k) => k.kind === "live")?.enabled).toBe(false);
    expect(errors(plan)[0]).toBe(
      "Hyper-V Manager cannot perform a live migration of the clustered virtual machine 'FS01'.",
    );
  });

  it("the destination being the VM's own host is an error", async () => {
    const plan = await planMigration(db, { vmId: vm("FS01"), destinationHostId: host("HV1") });
    expect(errors(plan)).toEqual(["Virtual machine 'FS01' is already running on host 'HV1'."]);
  });

  it("404 for an unknown VM, 422 with the path for an unknown destination or signed-in host", async () => {
    await expect(planMigration(db, { vmId: 99_999 })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    const bad = await rejection(planMigration(db, { vmId: vm("FS01"), destinationHostId: 99_999 }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).details).toEqual([
      { path: "destinationHostId", message: "Host 99999 was not found." },
    ]);
    const signedIn = await rejection(planMigration(db, { vmId: vm("FS01"), signedInHostId: 99_999 }));
    expect((signedIn as ValidationError).details).toEqual([
      { path: "signedInHostId", message: "Host 99999 was not found." },
    ]);
  });

  it("writes nothing", async () => {
    const before = await Promise.all([db.migration.count(), db.eventLogEntry.count(), db.vm.findMany()]);
    await planMigration(db, { vmId: vm("SQL01") });
    expect(await Promise.all([db.migration.count(), db.eventLogEntry.count(), db.vm.findMany()])).toEqual(
      before,
    );
  });
});

describe("planMigration memory accounting", () => {
  beforeEach(seedDemo);

  it("counts VMs on their way in against the destination, and best follows the free memory", async () => {
    // A 200 GiB move into HV2 that has not switched over leaves HV2 24 GiB: SQL01 (32 GiB) no longer fits.
    const big = await db.vm.update({ where: { id: vm("ANALYTICS01") }, data: { memoryMiB: 200 * GiB } });
    await db.migration.create({
      data: {
        vmId: big.id,
        vmName: big.name,
        kind: "live",
        sourceHostId: host("HV1"),
        destinationHostId: host("HV2"),
        startedFrom: "admin-center",
        status: "running",
        speed: 1,
        seed: 1,
        switchMap: {},
        input: {},
        prediction: {},
      },
    });
    const plan = await planMigration(db, { vmId: vm("SQL01") });
    const hv2 = plan.destinations.find((d) => d.name === "HV2");
    expect(hv2?.freeMemoryMiB).toBe(24 * GiB);
    expect(hv2?.compatible).toBe(false);
    expect(plan.destination).toBeNull();
    const explicit = await planMigration(db, { vmId: vm("SQL01"), destinationHostId: host("HV2") });
    expect(explicit.report.incompatibilities).toEqual([
      expect.objectContaining({
        rule: "memory",
        messageId: 0,
        message: "'SQL01' could not initialize memory: Ran out of memory (0x8007000E).",
      }),
    ]);
    // Once switched over, the VM's memory is counted where it runs, not twice.
    await db.migration.updateMany({ data: { switchedOver: true } });
    expect(
      (await planMigration(db, { vmId: vm("SQL01") })).destinations.find((d) => d.name === "HV2")
        ?.freeMemoryMiB,
    ).toBe(224 * GiB);
  });

  it("a paused destination node is not a possible owner (0x80071398)", async () => {
    await db.host.update({ where: { id: host("HV2") }, data: { state: "Paused" } });
    const plan = await planMigration(db, { vmId: vm("FS01"), destinationHostId: host("HV2") });
    expect(plan.report.incompatibilities).toEqual([
      expect.objectContaining({
        rule: "cluster-node",
        messageId: 0,
        message: "The action 'Move' didn't complete.",
      }),
    ]);
  });
});

describe("planMigration on the cluster's live-migration networks", () => {
  beforeEach(seedDemo);
  const cluster1 = () => idOf("clusters", "CLUSTER1");
  const network = (name: string) =>
    db.clusterNetwork.findFirstOrThrow({ where: { clusterId: cluster1(), name } });

  it("a live move takes the first ticked network: the management network first means its 10 Gbit/s NICs", async () => {
    const management = await network("Cluster Network 1");
    const lm = await network("Cluster Network 2");
    await db.clusterNetwork.update({ where: { id: management.id }, data: { liveMigrationOrder: 1 } });
    await db.clusterNetwork.update({ where: { id: lm.id }, data: { liveMigrationOrder: 2 } });
    const plan = await planMigration(db, { vmId: vm("FS01"), destinationHostId: host("HV2") });
    expect(plan.report.canMove).toBe(true);
    expect(plan.engineInput?.link).toMatchObject({ bytesPerSecond: 10e9 / 8, rdma: false });
    // A quick migration goes over the storage network whatever the order says.
    const quick = await planMigration(db, {
      vmId: vm("FS01"),
      kind: "quick",
      destinationHostId: host("HV2"),
    });
    expect(quick.engineInput?.link).toMatchObject({ bytesPerSecond: 10e9 / 8 / 2 });
  });

  it("no ticked network that both nodes are on: the live move is blocked, a quick one is not", async () => {
    await db.clusterNetwork.updateMany({
      where: { clusterId: cluster1() },
      data: { liveMigrationOrder: null },
    });
    await db.clusterNetwork.update({
      where: { id: (await network("Cluster Network 3")).id },
      data: { subnet: "172.16.0.0/24", liveMigrationOrder: 1 },
    });
    const plan = await planMigration(db, { vmId: vm("FS01"), destinationHostId: host("HV2") });
    expect(plan.report.canMove).toBe(false);
    expect(plan.report.incompatibilities).toEqual([
      expect.objectContaining({
        rule: "live-migration-network",
        message:
          "No network of cluster 'CLUSTER1' that both HV1 and HV2 are on is enabled for live migration.",
      }),
    ]);
    expect((await planMigration(db, { vmId: vm("FS01"), kind: "quick" })).report.canMove).toBe(true);
  });
});
