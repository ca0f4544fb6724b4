import { describe, expect, it } from "vitest";
import { ClusterListQuery, CreateClusterInput } from "./cluster";

describe("CreateClusterInput", () => {
  const base = { name: "cluster2", ipAddress: "10.0.0.30", nodeIds: [4] };
  it("upper-cases the name and fills defaults", () => {
    expect(CreateClusterInput.parse(base)).toEqual({
      name: "CLUSTER2",
      ipAddress: "10.0.0.30",
      nodeIds: [4],
      witness: { type: "none" },
      maxParallelMigrations: 2,
      tags: [],
    });
  });
  it("needs at least one node and at most 64", () => {
    expect(CreateClusterInput.safeParse({ ...base, nodeIds: [] }).error?.issues[0]?.message).toBe(
      "A cluster needs at least one node.",
    );
    expect(
      CreateClusterInput.safeParse({ ...base, nodeIds: Array.from({ length: 65 }, (_, i) => i + 1) }).success,
    ).toBe(false);
  });
  it.each([
    { name: "CLUSTER_2" },
    { name: "CLUSTER-NUMBER-2" },
    { ipAddress: "10.0.0" },
    { fqdn: "cluster2" },
    { nodeIds: [0] },
    { maxParallelMigrations: 0 },
    { quorum: "witness" },
    { witness: { type: "cloud" } },
    { witness: { type: "fileShare", path: "DC1\\Witness" } },
    { witness: { type: "disk" } },
  ])("rejects %j", (over) => {
    expect(CreateClusterInput.safeParse({ ...base, ...over }).success).toBe(false);
  });
});

describe("the witness", () => {
  const base = { name: "cluster2", ipAddress: "10.0.0.30", nodeIds: [4] };
  it("takes a file share or a disk", () => {
    expect(
      CreateClusterInput.parse({ ...base, witness: { type: "fileShare", path: "\\\\DC1\\Witness" } }).witness,
    ).toEqual({ type: "fileShare", path: "\\\\DC1\\Witness" });
    expect(
      CreateClusterInput.parse({ ...base, witness: { type: "disk", virtualDiskId: 3 } }).witness,
    ).toEqual({
      type: "disk",
      virtualDiskId: 3,
    });
  });
});

describe("ClusterListQuery", () => {
  it("accepts paging, search and tag, nothing else", () => {
    expect(ClusterListQuery.parse({ q: " clu ", tag: "production", limit: "10" })).toEqual({
      q: "clu",
      tag: "production",
      limit: 10,
    });
    expect(ClusterListQuery.safeParse({ nodeId: "1" }).success).toBe(false);
  });
});
