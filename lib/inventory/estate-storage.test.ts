// The storage half of the demonstration against a real SQLite file: SRV3's iSCSI Target Server,
// the nodes' initiators, the cluster's disks and CSV, a highly available VM on it, and every
// refusal to delete or change what something else depends on.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CreateClusterInput } from "@/lib/schemas/cluster";
import { CreateVmInput } from "@/lib/schemas/vm";
import { rejection } from "@/lib/testing/rejection";
import { bareDataDisk, bareHost, seedBareDomain } from "@/lib/testing/seed";
import { createValidatedCluster } from "./cluster-create";
import { addClusterDisk, addCsv, removeClusterDisk, removeCsv } from "./cluster-storage";
import {
  addMapping,
  createTarget,
  createVirtualDisk,
  deleteTarget,
  deleteVirtualDisk,
  getTargetServer,
  updateDataDisk,
  updateTarget,
} from "./iscsi";
import { getInitiator, initiatorAction } from "./iscsi-initiator";
import { createVm, deleteVm } from "./vms";

const iqn = (host: string) => `iqn.1991-05.com.microsoft:${host.toLowerCase()}.contoso.com`;
const SRV3 = () => bareHost("SRV3");
const PORTAL = "192.168.20.13";
const CSV1 = "E:\\iSCSIVirtualDisks\\CSV1.vhdx";

/** Everything a refusal must leave alone. */
const snapshot = async () => ({
  disks: await db.iscsiVirtualDisk.findMany({ orderBy: { id: "asc" } }),
  targets: await db.iscsiTarget.findMany({ include: { initiators: true }, orderBy: { id: "asc" } }),
  connections: await db.iscsiConnection.findMany({ orderBy: { id: "asc" } }),
  volumes: await db.clusterSharedVolume.findMany({ orderBy: { id: "asc" } }),
  dataDisks: await db.dataDisk.findMany({ orderBy: { id: "asc" } }),
});

async function newDisk(
  path = CSV1,
  over: Partial<{ sizeGiB: number; type: "Fixed" | "Dynamic"; dataDiskId: number }> = {},
) {
  const { server } = await createVirtualDisk({
    dataDiskId: bareDataDisk(1),
    path,
    sizeGiB: 500,
    type: "Fixed",
    ...over,
  });
  return server.virtualDisks.find((d) => d.path === path)?.id as number;
}

beforeEach(seedBareDomain);

describe("iSCSI Target Server on SRV3", () => {
  it("lists the four data disks with their size and free space, and no target yet", async () => {
    const s = await getTargetServer(SRV3());
    expect(s.hasRole).toBe(true);
    expect(s.portals).toEqual(["192.168.20.13", "10.0.0.13"]);
    expect(s.dataDisks.map((d) => [d.number, d.driveLetter, d.sizeGiB, d.freeGiB])).toEqual([
      [1, "E", 1788, 1788],
      [2, "F", 1788, 1788],
      [3, "G", 1788, 1788],
      [4, "H", 1788, 1788],
    ]);
    expect(s.targets).toEqual([]);
    expect(s.initiatorCandidates.map((c) => c.iqn)).toEqual([iqn("HV1"), iqn("HV2")]);
  });

  it("creates a fixed virtual disk that takes its size, with the PowerShell and an event", async () => {
    const { server, powershell } = await createVirtualDisk({
      dataDiskId: bareDataDisk(1),
      path: CSV1,
      sizeGiB: 1500,
      type: "Fixed",
    });
    expect(server.dataDisks[0]?.freeGiB).toBe(288);
    expect(server.virtualDisks).toEqual([
      expect.objectContaining({ path: CSV1, sizeGiB: 1500, type: "Fixed", target: null, usedBy: null }),
    ]);
    expect(powershell).toBe(
      `New-IscsiVirtualDisk -Path '${CSV1}' -SizeBytes 1500GB -UseFixed -ComputerName SRV3`,
    );
    expect(await db.eventLogEntry.findFirst({ where: { hostId: SRV3() } })).toMatchObject({
      channel: "Microsoft-Windows-iSCSITarget-Service/Admin",
    });
    // A second fixed disk that does not fit is refused; the same size as a dynamic disk is not.
    const tooBig = await rejection(newDisk("E:\\iSCSIVirtualDisks\\Big.vhdx"));
    expect(tooBig.details).toEqual([expect.objectContaining({ path: "sizeGiB" })]);
    await newDisk("E:\\iSCSIVirtualDisks\\Thin.vhdx", { type: "Dynamic" });
  });

  it("refuses a path on another volume and a file that exists, with their fields", async () => {
    expect((await rejection(newDisk("F:\\x.vhdx"))).details).toEqual([
      { path: "path", message: "The path must be on the chosen disk's volume, E:\\ (disk 1)." },
    ]);
    await newDisk();
    expect((await rejection(newDisk())).details).toEqual([
      { path: "path", message: `The file ${CSV1} already exists.` },
    ]);
  });

  it("refuses a virtual disk on a server without the role", async () => {
    await db.host.update({ where: { id: SRV3() }, data: { roles: '["File and Storage Services"]' } });
    expect((await rejection(newDisk())).status).toBe(409);
  });

  it("creates a target with its initiators and mapped disk, naming the servers behind the IQNs", async () => {
    const disk = await newDisk();
    const { server, powershell } = await createTarget({
      hostId: SRV3(),
      name: "cluster1-csv",
      initiatorIqns: [iqn("HV1"), iqn("HV2")],
      virtualDiskIds: [disk],
    });
    expect(server.targets).toEqual([
      expect.objectContaining({
        name: "cluster1-csv",
        iqn: "iqn.1991-05.com.microsoft:srv3-cluster1-csv-target",
        initiators: [
          { iqn: iqn("HV1"), host: { id: bareHost("HV1"), name: "HV1" } },
          { iqn: iqn("HV2"), host: { id: bareHost("HV2"), name: "HV2" } },
        ],
        virtualDisks: [expect.objectContaining({ path: CSV1 })],
        connectedNodes: [],
      }),
    ]);
    expect(powershell.split("\n")[1]).toBe(
      `Add-IscsiVirtualDiskTargetMapping -TargetName cluster1-csv -Path '${CSV1}' -ComputerName SRV3`,
    );
    // A second target of the same name, or one that maps a disk already mapped, is refused.
    expect(
      (
        await rejection(
          createTarget({
            hostId: SRV3(),
            name: "cluster1-csv",
            initiatorIqns: [iqn("HV1")],
            virtualDiskIds: [],
          }),
        )
      ).status,
    ).toBe(409);
    const again = await rejection(
      createTarget({ hostId: SRV3(), name: "other", initiatorIqns: [iqn("HV1")], virtualDiskIds: [disk] }),
    );
    expect(again.details).toEqual([
      { path: "virtualDiskIds.0", message: `${CSV1} is already mapped to a target.` },
    ]);
  });

  it("maps a disk to an existing target", async () => {
    const { server } = await createTarget({
      hostId: SRV3(),
      name: "t1",
      initiatorIqns: [iqn("HV1")],
      virtualDiskIds: [],
    });
    const disk = await newDisk();
    const mapped = await addMapping(server.targets[0]?.id as number, { virtualDiskId: disk });
    expect(mapped.server.virtualDisks[0]?.target?.name).toBe("t1");
  });
});

describe("the nodes' iSCSI initiators", () => {
  async function target(initiators = [iqn("HV1"), iqn("HV2")]) {
    const disk = await newDisk();
    const { server } = await createTarget({
      hostId: SRV3(),
      name: "cluster1-csv",
      initiatorIqns: initiators,
      virtualDiskIds: [disk],
    });
    return { disk, target: server.targets[0]?.id as number };
  }

  it("discovers the portal over the storage network, connects, and brings the disk online", async () => {
    const { disk, target: t } = await target();
    const hv1 = bareHost("HV1");
    expect((await rejection(initiatorAction(hv1, { action: "connect", targetId: t }))).message).toMatch(
      /HV1 has not discovered a portal of SRV3/,
    );
    const badPortal = await rejection(initiatorAction(hv1, { action: "discover", address: "10.0.0.10" }));
    expect(badPortal.details).toEqual([
      expect.objectContaining({
        path: "address",
        message: expect.stringMatching(/No iSCSI target portal answers at 10.0.0.10:3260/),
      }),
    ]);
    const found = await initiatorAction(hv1, { action: "discover", address: PORTAL });
    expect(found.powershell).toBe("New-IscsiTargetPortal -TargetPortalAddress 192.168.20.13 -CimSession HV1");
    expect(found.initiator.targets).toEqual([
      expect.objectContaining({ name: "cluster1-csv", status: "Inactive" }),
    ]);
    const connected = await initiatorAction(hv1, { action: "connect", targetId: t });
    expect(connected.initiator.targets[0]?.status).toBe("Connected");
    expect(connected.initiator.disks).toEqual([expect.objectContaining({ id: disk, status: "Offline" })]);
    const online = await initiatorAction(hv1, { action: "online", virtualDiskId: disk });
    expect(online.initiator.disks[0]?.status).toBe("Online");
    expect(online.powershell).toMatch(/Format-Volume -FileSystem NTFS -NewFileSystemLabel 'CSV1'/);
    expect(await db.eventLogEntry.count({ where: { hostId: hv1, channel: "System" } })).toBe(2);
  });

  it("refuses a portal the node has no network to", async () => {
    await db.networkAdapter.deleteMany({ where: { hostId: bareHost("HV2"), purpose: "Storage" } });
    const error = await rejection(initiatorAction(bareHost("HV2"), { action: "discover", address: PORTAL }));
    expect(error.details).toEqual([
      {
        path: "address",
        message: "HV2 has no network adapter on 192.168.20.13's subnet, so it cannot reach the portal.",
      },
    ]);
  });

  it("refuses a node the target does not allow, until its IQN is added", async () => {
    const { target: t } = await target([iqn("HV1")]);
    const hv2 = bareHost("HV2");
    await initiatorAction(hv2, { action: "discover", address: PORTAL });
    expect((await getInitiator(hv2)).targets).toEqual([]); // discovery lists only targets that allow it
    const refused = await rejection(initiatorAction(hv2, { action: "connect", targetId: t }));
    expect(refused.message).toBe(
      `Authorization Failure: target 'cluster1-csv' does not allow the initiator ${iqn("HV2")}. Add it to the target's initiators on SRV3.`,
    );
    await updateTarget(t, { initiatorIqns: [iqn("HV1"), iqn("HV2")] });
    expect(
      (await initiatorAction(hv2, { action: "connect", targetId: t })).initiator.targets[0]?.status,
    ).toBe("Connected");
  });
});

describe("the cluster's storage and a highly available VM", () => {
  /** The lab's order: cluster first, then the disk, its initiators, Add Disk, CSV. */
  async function build() {
    const cluster = (
      await createValidatedCluster(
        CreateClusterInput.parse({
          name: "CLUSTER1",
          ipAddress: "10.0.0.20",
          nodeIds: [bareHost("HV1"), bareHost("HV2")],
        }),
      )
    ).cluster.id;
    const disk = await newDisk();
    const { server } = await createTarget({
      hostId: SRV3(),
      name: "cluster1-csv",
      initiatorIqns: [iqn("HV1"), iqn("HV2")],
      virtualDiskIds: [disk],
    });
    const target = server.targets[0]?.id as number;
    for (const node of ["HV1", "HV2"]) {
      await initiatorAction(bareHost(node), { action: "discover", address: PORTAL });
      await initiatorAction(bareHost(node), { action: "connect", targetId: target });
    }
    return { cluster, disk, target };
  }

  it("offers a disk for Add Disk once every node reaches it formatted, then makes it a CSV", async () => {
    const { cluster, disk } = await build();
    const { getCluster } = await import("./clusters");
    expect((await getCluster(cluster)).availableDisks).toEqual([]); // not formatted yet
    expect((await rejection(addClusterDisk(cluster, { virtualDiskId: disk }))).details).toEqual([
      { path: "virtualDiskId", message: `${CSV1} has not been brought online and formatted on a node yet.` },
    ]);
    await initiatorAction(bareHost("HV1"), { action: "online", virtualDiskId: disk });
    expect((await getCluster(cluster)).availableDisks.map((d) => d.path)).toEqual([CSV1]);
    const added = await addClusterDisk(cluster, { virtualDiskId: disk });
    expect(added.cluster.disks).toEqual([
      expect.objectContaining({ name: "Cluster Disk 1", assignedTo: "Available Storage" }),
    ]);
    expect(added.powershell).toBe("Get-ClusterAvailableDisk -Cluster CLUSTER1 | Add-ClusterDisk");
    const csv = await addCsv(cluster, { virtualDiskId: disk });
    expect(csv.cluster.volumes).toEqual([
      expect.objectContaining({
        name: "Cluster Disk 1",
        path: "C:\\ClusterStorage\\Volume1",
        sizeGiB: 500,
        freeGiB: 500,
      }),
    ]);
    expect(csv.cluster.disks[0]?.assignedTo).toBe("Cluster Shared Volume (C:\\ClusterStorage\\Volume1)");
    expect(csv.powershell).toBe("Add-ClusterSharedVolume -Name 'Cluster Disk 1' -Cluster CLUSTER1");
  });

  it("refuses Add Disk for a disk one node does not reach", async () => {
    const { cluster, disk, target } = await build();
    await initiatorAction(bareHost("HV1"), { action: "online", virtualDiskId: disk });
    await db.iscsiConnection.deleteMany({ where: { hostId: bareHost("HV2"), targetId: target } });
    expect((await rejection(addClusterDisk(cluster, { virtualDiskId: disk }))).details).toEqual([
      {
        path: "virtualDiskId",
        message: `${CSV1} is not reachable from HV2: every node must connect to the target that serves it.`,
      },
    ]);
  });

  it("creates a highly available VM on the CSV, and refuses one on local storage with the reason", async () => {
    const { cluster, disk } = await build();
    await initiatorAction(bareHost("HV1"), { action: "online", virtualDiskId: disk });
    await addClusterDisk(cluster, { virtualDiskId: disk });
    await addCsv(cluster, { virtualDiskId: disk });
    const local = await rejection(
      createVm(
        CreateVmInput.parse({
          name: "WEB03",
          hostId: bareHost("HV1"),
          folder: "D:\\Hyper-V",
          highlyAvailable: true,
        }),
      ),
    );
    expect(local.details).toEqual([
      {
        path: "highlyAvailable",
        message:
          "Cannot make 'WEB03' highly available: 'D:\\Hyper-V' is on storage local to HV1, which the other nodes of CLUSTER1 cannot reach. Store its files on a Cluster Shared Volume (C:\\ClusterStorage\\Volume1).",
      },
    ]);
    const wrongCsv = await rejection(
      createVm(
        CreateVmInput.parse({
          name: "WEB03",
          hostId: bareHost("HV1"),
          folder: "C:\\ClusterStorage\\Volume2",
        }),
      ),
    );
    expect(wrongCsv.details).toEqual([
      {
        path: "folder",
        message:
          "C:\\ClusterStorage\\Volume2 is not on a Cluster Shared Volume of CLUSTER1 (C:\\ClusterStorage\\Volume1).",
      },
    ]);
    expect(await db.vm.count()).toBe(0);
    const { vm, powershell } = await createVm(
      CreateVmInput.parse({
        name: "WEB03",
        hostId: bareHost("HV1"),
        switchName: "Production",
        memoryMiB: 4096,
        dynamicMemory: { minimumMiB: 1024, maximumMiB: 8192 },
        highlyAvailable: true,
      }),
    );
    expect(vm).toMatchObject({
      highlyAvailable: true,
      dynamicMemory: true,
      memoryMinMiB: 1024,
      memoryMaxMiB: 8192,
      clusterPriority: 2000,
    });
    expect(vm.disks[0]).toMatchObject({
      path: "C:\\ClusterStorage\\Volume1\\WEB03\\Virtual Hard Disks\\WEB03.vhdx",
      location: "CSV",
      csv: { path: "C:\\ClusterStorage\\Volume1" },
    });
    expect(powershell.split("\n").at(-1)).toBe(
      "Add-ClusterVirtualMachineRole -VMName WEB03 -Cluster CLUSTER1",
    );
  });

  it("refuses to delete or change what something depends on, with the reason, and changes nothing", async () => {
    const { cluster, disk, target } = await build();
    await initiatorAction(bareHost("HV1"), { action: "online", virtualDiskId: disk });
    await addClusterDisk(cluster, { virtualDiskId: disk });
    const { cluster: withCsv } = await addCsv(cluster, { virtualDiskId: disk });
    const volume = withCsv.volumes[0]?.id as number;
    const { vm } = await createVm(
      CreateVmInput.parse({ name: "WEB03", hostId: bareHost("HV1"), highlyAvailable: true }),
    );
    const before = await snapshot();

    const refusals: [Promise<unknown>, RegExp][] = [
      // a CSV holding a VM's disk
      [
        removeCsv(volume),
        /^WEB03 keeps its virtual hard disks on 'Cluster Disk 1' \(C:\\ClusterStorage\\Volume1\)/,
      ],
      // a cluster disk that is a CSV
      [removeClusterDisk(cluster, disk), /is a Cluster Shared Volume \(C:\\ClusterStorage\\Volume1\)/],
      // a node's session the cluster's disk depends on
      [
        initiatorAction(bareHost("HV2"), { action: "disconnect", targetId: target }),
        /'Cluster Disk 1' of CLUSTER1 is on target 'cluster1-csv'/,
      ],
      // a target a node is connected to
      [deleteTarget(target), /^HV1 and HV2 are connected to target 'cluster1-csv'\. Disconnect them first/],
      // a connected node's IQN
      [
        updateTarget(target, { initiatorIqns: [iqn("HV1")] }),
        /^HV2 is connected to target 'cluster1-csv' with that initiator/,
      ],
      // a virtual disk a cluster uses
      [deleteVirtualDisk(disk), /is 'Cluster Disk 1' of cluster CLUSTER1\. Remove it from the cluster first/],
      // a data disk holding a virtual disk
      [
        updateDataDisk(bareDataDisk(1), { offline: true }),
        /^Disk 1 holds the iSCSI virtual disk\(s\) E:\\iSCSIVirtualDisks\\CSV1\.vhdx/,
      ],
    ];
    for (const [attempt, reason] of refusals) {
      const error = await rejection(attempt);
      expect(error.status, reason.source).toBe(409);
      expect(error.message).toMatch(reason);
    }
    expect(await snapshot()).toEqual(before);

    // Take the dependants away in order, and each refusal turns into the change.
    await deleteVm(vm.id);
    await removeCsv(volume);
    await removeClusterDisk(cluster, disk);
    await initiatorAction(bareHost("HV1"), { action: "disconnect", targetId: target });
    await initiatorAction(bareHost("HV2"), { action: "disconnect", targetId: target });
    await deleteTarget(target);
    await deleteVirtualDisk(disk);
    await updateDataDisk(bareDataDisk(1), { offline: true });
    expect(await db.iscsiVirtualDisk.count()).toBe(0);
    expect((await db.dataDisk.findUniqueOrThrow({ where: { id: bareDataDisk(1) } })).offline).toBe(true);
  });

  it("refuses to remove the disk witness, and a witness cannot become a CSV", async () => {
    const disk = await newDisk();
    const { server } = await createTarget({
      hostId: SRV3(),
      name: "cluster1-csv",
      initiatorIqns: [iqn("HV1"), iqn("HV2")],
      virtualDiskIds: [disk],
    });
    for (const node of ["HV1", "HV2"]) {
      await initiatorAction(bareHost(node), { action: "discover", address: PORTAL });
      await initiatorAction(bareHost(node), { action: "connect", targetId: server.targets[0]?.id as number });
    }
    await initiatorAction(bareHost("HV1"), { action: "online", virtualDiskId: disk });
    const { cluster } = await createValidatedCluster(
      CreateClusterInput.parse({
        name: "CLUSTER1",
        ipAddress: "10.0.0.20",
        nodeIds: [bareHost("HV1"), bareHost("HV2")],
        witness: { type: "disk", virtualDiskId: disk },
      }),
    );
    expect((await rejection(removeClusterDisk(cluster.id, disk))).message).toMatch(
      /is the disk witness of CLUSTER1/,
    );
    expect((await rejection(addCsv(cluster.id, { virtualDiskId: disk }))).details).toEqual([
      {
        path: "virtualDiskId",
        message: "'Cluster Disk 1' is the disk witness; a witness cannot be a Cluster Shared Volume.",
      },
    ]);
  });
});
