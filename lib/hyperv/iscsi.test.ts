import { describe, expect, it } from "vitest";
import {
  adapterReaching,
  dataDiskFreeGiB,
  initiatorIqn,
  type NewVirtualDiskFacts,
  portalAddresses,
  targetIqn,
  virtualDiskProblems,
} from "./iscsi";

describe("iSCSI names", () => {
  it("builds the initiator's and the target's IQNs as Windows does", () => {
    expect(initiatorIqn("HV1.Contoso.com")).toBe("iqn.1991-05.com.microsoft:hv1.contoso.com");
    expect(targetIqn("SRV3", "Cluster1-CSV")).toBe("iqn.1991-05.com.microsoft:srv3-cluster1-csv-target");
  });
});

describe("data disk capacity", () => {
  it("counts fixed virtual disks whole and dynamic ones not at all", () => {
    const disk = { sizeGiB: 1788 };
    expect(dataDiskFreeGiB(disk, [])).toBe(1788);
    expect(dataDiskFreeGiB(disk, [{ sizeGiB: 1500, type: "Fixed" }])).toBe(288);
    expect(dataDiskFreeGiB(disk, [{ sizeGiB: 4000, type: "Dynamic" }])).toBe(1788);
  });
});

describe("a new iSCSI virtual disk", () => {
  const facts = (over: Partial<NewVirtualDiskFacts> = {}): NewVirtualDiskFacts => ({
    path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx",
    sizeGiB: 500,
    type: "Fixed",
    dataDisk: { number: 1, driveLetter: "E", sizeGiB: 1788, offline: false },
    freeGiB: 1788,
    existingPaths: [],
    ...over,
  });
  it("accepts a file on the chosen disk's volume that fits", () => {
    expect(virtualDiskProblems(facts())).toEqual([]);
  });
  it("refuses a path on another volume, a file that exists, a fixed size that does not fit", () => {
    expect(virtualDiskProblems(facts({ path: "F:\\x.vhdx" }))).toEqual([
      { path: "path", message: "The path must be on the chosen disk's volume, E:\\ (disk 1)." },
    ]);
    expect(
      virtualDiskProblems(facts({ existingPaths: ["e:\\iscsivirtualdisks\\csv1.VHDX"] }))[0]?.message,
    ).toBe("The file E:\\iSCSIVirtualDisks\\CSV1.vhdx already exists.");
    expect(virtualDiskProblems(facts({ freeGiB: 288 }))).toEqual([
      {
        path: "sizeGiB",
        message: "A fixed disk takes its whole size at once: 500 GB does not fit in the 288 GB free on E:.",
      },
    ]);
    // The same size as a dynamic disk fits: it grows as it is written.
    expect(virtualDiskProblems(facts({ freeGiB: 288, type: "Dynamic" }))).toEqual([]);
    expect(virtualDiskProblems(facts({ type: "Dynamic", sizeGiB: 70_000 }))[0]?.message).toBe(
      "A virtual disk holds at most 64 TB.",
    );
  });
  it("refuses a data disk that is offline or has no drive letter", () => {
    const offline = facts({ dataDisk: { number: 2, driveLetter: "F", sizeGiB: 1788, offline: true } });
    expect(virtualDiskProblems(offline)[0]).toEqual({
      path: "dataDiskId",
      message: "Disk 2 is offline. Bring it online first.",
    });
    const raw = facts({ dataDisk: { number: 3, driveLetter: null, sizeGiB: 1788, offline: false } });
    expect(virtualDiskProblems(raw)[0]?.message).toBe("Disk 3 has no volume with a drive letter.");
  });
});

describe("portals", () => {
  const srv3 = [
    { name: "Management", ipAddress: "10.0.0.13", prefixLength: 24, purpose: "Management" },
    { name: "iSCSI", ipAddress: "192.168.20.13", prefixLength: 24, purpose: "Storage" },
  ];
  it("lists a target server's addresses, storage first", () => {
    expect(portalAddresses(srv3)).toEqual(["192.168.20.13", "10.0.0.13"]);
  });
  it("finds the node's adapter on the portal's subnet, or none", () => {
    const hv1 = [
      { name: "Management", ipAddress: "10.0.0.11", prefixLength: 24, purpose: "Management" },
      { name: "iSCSI", ipAddress: "192.168.20.11", prefixLength: 24, purpose: "Storage" },
    ];
    expect(adapterReaching(hv1, "192.168.20.13")?.name).toBe("iSCSI");
    expect(adapterReaching(hv1.slice(0, 1), "192.168.20.13")).toBeNull();
  });
});
