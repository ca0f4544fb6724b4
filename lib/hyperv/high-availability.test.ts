import { describe, expect, it } from "vitest";
import { csvContaining, highAvailabilityRefusal, newVhdPath } from "./high-availability";

const volumes = [{ path: "C:\\ClusterStorage\\Volume1" }];

describe("VM files and CSVs", () => {
  it("finds the CSV holding a path, by mount point and not by prefix", () => {
    expect(csvContaining("C:\\ClusterStorage\\Volume1\\WEB01", volumes)).toBe(volumes[0]);
    expect(csvContaining("c:\\clusterstorage\\volume1\\", volumes)).toBe(volumes[0]);
    expect(csvContaining("C:\\ClusterStorage\\Volume10\\WEB01", volumes)).toBeUndefined();
    expect(csvContaining("D:\\Hyper-V", volumes)).toBeUndefined();
  });
  it("lays out the new disk under the VM's folder", () => {
    expect(newVhdPath("C:\\ClusterStorage\\Volume1\\", "WEB01")).toBe(
      "C:\\ClusterStorage\\Volume1\\WEB01\\Virtual Hard Disks\\WEB01.vhdx",
    );
  });
});

describe("making a VM highly available", () => {
  const base = { vmName: "WEB03", host: "HV1", cluster: "CLUSTER1", volumes };
  it("is allowed when every file is on a CSV", () => {
    expect(
      highAvailabilityRefusal({
        ...base,
        files: ["C:\\ClusterStorage\\Volume1\\WEB03\\Virtual Hard Disks\\WEB03.vhdx"],
      }),
    ).toBeNull();
  });
  it("is refused with the reason when a file is on the node's own disk", () => {
    expect(highAvailabilityRefusal({ ...base, files: ["D:\\Hyper-V\\WEB03\\WEB03.vhdx"] })).toBe(
      "Cannot make 'WEB03' highly available: 'D:\\Hyper-V\\WEB03\\WEB03.vhdx' is on storage local to HV1, which the other nodes of CLUSTER1 cannot reach. Store its files on a Cluster Shared Volume (C:\\ClusterStorage\\Volume1).",
    );
    expect(highAvailabilityRefusal({ ...base, volumes: [], files: ["D:\\x.vhdx"] })).toMatch(
      /CLUSTER1 has no Cluster Shared Volume yet/,
    );
  });
  it("is refused on a server outside a cluster", () => {
    expect(highAvailabilityRefusal({ ...base, cluster: null, files: [] })).toBe(
      "HV1 is not a node of a failover cluster, so 'WEB03' cannot be made highly available.",
    );
  });
});
