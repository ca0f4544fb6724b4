import { describe, expect, it } from "vitest";
import {
  chooseDrainDestination,
  type DrainCandidate,
  drainMoveKind,
  drainOrder,
  drainOutcome,
  drainStatusLabel,
  type NodeDrainStatus,
  priorityLabel,
  resumeScript,
  rolePriorityScript,
  suspendScript,
} from "./drain";

describe("role priorities", () => {
  it("reads as Failover Cluster Manager names them", () => {
    expect([3000, 2000, 1000, 0].map(priorityLabel)).toEqual(["High", "Medium", "Low", "No Auto Start"]);
    expect(priorityLabel(null)).toBe("");
  });
});

describe("how a drain moves a role", () => {
  it("High and Medium live-migrate, Low and No Auto Start quick-migrate (MoveTypeThreshold 2000)", () => {
    expect(drainMoveKind(3000, "Running")).toBe("live");
    expect(drainMoveKind(2000, "Running")).toBe("live");
    expect(drainMoveKind(1000, "Running")).toBe("quick");
    expect(drainMoveKind(0, "Running")).toBe("quick");
  });

  it("a paused or saved VM quick-migrates whatever its priority; an Off VM moves as a role alone", () => {
    expect(drainMoveKind(3000, "Paused")).toBe("quick");
    expect(drainMoveKind(3000, "Saved")).toBe("quick");
    expect(drainMoveKind(3000, "Off")).toBe("offline");
    expect(drainMoveKind(0, "Off")).toBe("offline");
  });

  it("follows a changed threshold: 1000 live-migrates Low too", () => {
    expect(drainMoveKind(1000, "Running", 1000)).toBe("live");
    expect(drainMoveKind(0, "Running", 1000)).toBe("quick");
  });
});

describe("the order roles leave in", () => {
  it("is by priority, highest first, then by name", () => {
    const roles = [
      { id: 1, name: "FS01", priority: 1000 },
      { id: 2, name: "WEB01", priority: 2000 },
      { id: 3, name: "SQL01", priority: 3000 },
      { id: 4, name: "ANALYTICS01", priority: 2000 },
      { id: 5, name: "ARCHIVE01", priority: 0 },
    ];
    expect(drainOrder(roles).map((r) => r.name)).toEqual([
      "SQL01",
      "ANALYTICS01",
      "WEB01",
      "FS01",
      "ARCHIVE01",
    ]);
    expect(roles[0]?.name).toBe("FS01"); // the input is left as it was
  });
});

describe("where a role goes", () => {
  const nodes: DrainCandidate[] = [
    { hostId: 2, name: "HV2", freeMemoryMiB: 100_000, compatible: true },
    { hostId: 3, name: "HV3", freeMemoryMiB: 150_000, compatible: true },
    {
      hostId: 4,
      name: "HV4",
      freeMemoryMiB: 200_000,
      compatible: false,
      reason: "The action 'Move' didn't complete.",
    },
  ];
  const vm = { name: "SQL01", memoryMiB: 32_768 };

  it("is the compatible node with the most free memory, ties by name", () => {
    expect(chooseDrainDestination(vm, nodes)).toEqual({ hostId: 3, name: "HV3" });
    const tied = nodes.map((n) => ({ ...n, freeMemoryMiB: 100_000 }));
    expect(chooseDrainDestination(vm, tied)).toEqual({ hostId: 2, name: "HV2" });
  });

  it("is the target node when one is given, even with less memory than another", () => {
    expect(chooseDrainDestination(vm, nodes, 2)).toEqual({ hostId: 2, name: "HV2" });
    expect(chooseDrainDestination(vm, nodes, 4)).toEqual({
      hostId: null,
      reason: "HV4: The action 'Move' didn't complete.",
    });
    expect(chooseDrainDestination(vm, nodes, 9)).toEqual({
      hostId: null,
      reason: "The target node is not another node of this cluster.",
    });
  });

  it("is nothing when no node has the memory, and the reason says how much the best one has", () => {
    const full = nodes.map((n) => ({ ...n, freeMemoryMiB: n.freeMemoryMiB / 10, compatible: false }));
    expect(chooseDrainDestination(vm, full)).toEqual({
      hostId: null,
      reason: "No node has the memory: 'SQL01' needs 32768 MB; the most any node has free is 20000 MB (HV4).",
    });
    expect(chooseDrainDestination(vm, [])).toEqual({
      hostId: null,
      reason: "No other node of the cluster is Up to take it.",
    });
  });
});

describe("the drain's outcome", () => {
  it("is InProgress while a role waits or moves, Failed when any did not move, else Completed", () => {
    expect(drainOutcome([{ state: "done" }, { state: "moving" }])).toBe("InProgress");
    expect(drainOutcome([{ state: "failed" }, { state: "queued" }])).toBe("InProgress");
    expect(drainOutcome([{ state: "done" }, { state: "failed" }])).toBe("Failed");
    expect(drainOutcome([{ state: "done" }, { state: "done" }])).toBe("Completed");
    expect(drainOutcome([])).toBe("Completed");
  });
});

describe("drain status in words", () => {
  it("reads Draining, Drain completed, Drain failed; nothing before a drain; fail-backs in their own words", () => {
    expect(
      ["NotInitiated", "InProgress", "Completed", "Failed"].map((s) =>
        drainStatusLabel(s as NodeDrainStatus),
      ),
    ).toEqual(["", "Draining", "Drain completed", "Drain failed"]);
    expect(drainStatusLabel("Failed", "failback")).toBe("Fail-back failed");
  });
});

describe("PowerShell", () => {
  it("Suspend-ClusterNode, with -Drain and -TargetNode", () => {
    expect(suspendScript("CLUSTER1", "HV1", false)).toBe("Suspend-ClusterNode -Name HV1 -Cluster CLUSTER1");
    expect(suspendScript("CLUSTER1", "HV1", true)).toBe(
      "Suspend-ClusterNode -Name HV1 -Cluster CLUSTER1 -Drain",
    );
    expect(suspendScript("CLUSTER1", "HV1", true, "HV2")).toBe(
      "Suspend-ClusterNode -Name HV1 -Cluster CLUSTER1 -Drain -TargetNode HV2",
    );
    // No target without a drain: a plain pause moves nothing.
    expect(suspendScript("CLUSTER1", "HV1", false, "HV2")).toBe(
      "Suspend-ClusterNode -Name HV1 -Cluster CLUSTER1",
    );
  });

  it("Resume-ClusterNode -Failback Immediate or NoFailback", () => {
    expect(resumeScript("CLUSTER1", "HV1", true)).toBe(
      "Resume-ClusterNode -Name HV1 -Cluster CLUSTER1 -Failback Immediate",
    );
    expect(resumeScript("CLUSTER1", "HV1", false)).toBe(
      "Resume-ClusterNode -Name HV1 -Cluster CLUSTER1 -Failback NoFailback",
    );
  });

  it("quotes names that are not plain words", () => {
    expect(suspendScript("Lab Cluster", "node-1", true, "Bob's node")).toBe(
      "Suspend-ClusterNode -Name node-1 -Cluster 'Lab Cluster' -Drain -TargetNode 'Bob''s node'",
    );
    expect(rolePriorityScript("CLUSTER1", "SQL01", 3000)).toBe(
      "(Get-ClusterGroup -Cluster CLUSTER1 -Name SQL01).Priority = 3000",
    );
    expect(rolePriorityScript("CLUSTER1", "Web Server 1", 0)).toBe(
      "(Get-ClusterGroup -Cluster CLUSTER1 -Name 'Web Server 1').Priority = 0",
    );
  });
});
