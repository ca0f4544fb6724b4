import { describe, expect, it } from "vitest";
import {
  admit,
  blockingLimit,
  type HostLimits,
  type LimitContext,
  limitFor,
  pickStartable,
  queuePositions,
  queuesAtLimit,
  type SlotMove,
} from "./scheduler";

const host = (max: number, clusterId: number | null = null, storage = 2): HostLimits => ({
  maxLiveMigrations: max,
  maxStorageMigrations: storage,
  clusterId,
});
// HV1, HV2 in cluster 1 (MaximumParallelMigrations 1); HV3 standalone (2); HV5 standalone (1).
const ctx: LimitContext = {
  hosts: new Map([
    [1, host(2, 1)],
    [2, host(2, 1)],
    [3, host(2)],
    [5, host(1, null, 1)],
  ]),
  clusters: new Map([[1, 1]]),
};
let next = 100;
const move = (kind: SlotMove["kind"], sourceHostId: number, destinationHostId: number): SlotMove => ({
  id: next++,
  kind,
  sourceHostId,
  destinationHostId,
});

describe("limitFor", () => {
  it("uses the cluster's MaximumParallelMigrations for a move inside the cluster", () => {
    expect(limitFor(move("live", 1, 2), 1, ctx)).toBe(1);
    expect(limitFor(move("quick", 1, 2), 2, ctx)).toBe(1);
  });
  it("uses the host's own value for a move that leaves the cluster", () => {
    expect(limitFor(move("shared-nothing", 1, 3), 1, ctx)).toBe(2);
    expect(limitFor(move("shared-nothing", 1, 3), 3, ctx)).toBe(2);
  });
  it("uses the storage-migration limit for storage moves", () => {
    expect(limitFor(move("storage", 5, 5), 5, ctx)).toBe(1);
    expect(limitFor(move("storage", 3, 3), 3, ctx)).toBe(2);
  });
});

describe("blockingLimit", () => {
  it("counts incoming and outgoing moves of a host together", () => {
    const running = [move("shared-nothing", 3, 1), move("shared-nothing", 1, 3)];
    expect(blockingLimit(move("shared-nothing", 3, 5), running, ctx)).toEqual({ hostId: 3, limit: 2 });
    expect(blockingLimit(move("shared-nothing", 5, 1), [move("shared-nothing", 3, 1)], ctx)).toBeNull();
  });
  it("blocks on the destination's limit too", () => {
    expect(blockingLimit(move("shared-nothing", 3, 5), [move("shared-nothing", 1, 5)], ctx)).toEqual({
      hostId: 5,
      limit: 1,
    });
  });
  it("keeps live and storage moves apart", () => {
    const running = [move("storage", 5, 5)];
    expect(blockingLimit(move("live", 3, 5), running, ctx)).toBeNull();
    expect(blockingLimit(move("storage", 5, 5), running, ctx)).toEqual({ hostId: 5, limit: 1 });
  });
  it("counts a shared-nothing move against both limits: it copies the disks, then moves the VM", () => {
    // HV5 allows one storage migration: a storage move there holds it.
    expect(blockingLimit(move("shared-nothing", 3, 5), [move("storage", 5, 5)], ctx)).toEqual({
      hostId: 5,
      limit: 1,
    });
    // and a running shared-nothing move holds a storage slot against a storage move.
    expect(blockingLimit(move("storage", 5, 5), [move("shared-nothing", 3, 5)], ctx)).toEqual({
      hostId: 5,
      limit: 1,
    });
    // HV3 allows two of each: one shared-nothing move leaves room for a storage move.
    expect(blockingLimit(move("storage", 3, 3), [move("shared-nothing", 3, 1)], ctx)).toBeNull();
    expect(limitFor(move("shared-nothing", 5, 3), 5, ctx, "storage")).toBe(1);
  });
  it("allows the cluster's limit and no more", () => {
    expect(blockingLimit(move("live", 1, 2), [], ctx)).toBeNull();
    expect(blockingLimit(move("live", 2, 1), [move("live", 1, 2)], ctx)).toEqual({ hostId: 2, limit: 1 });
  });
});

describe("pickStartable", () => {
  it("starts queued moves first come first served while slots last", () => {
    const a = move("live", 1, 2);
    const b = move("live", 2, 1);
    const c = move("shared-nothing", 3, 5);
    expect(pickStartable([a, b, c], [], ctx)).toEqual([a.id, c.id]);
  });
  it("does not let a later move on a waiting host overtake the first", () => {
    const running = [move("shared-nothing", 1, 5)];
    const first = move("shared-nothing", 3, 5); // waits for HV5
    const later = move("shared-nothing", 3, 1); // would fit, but HV3 is held by `first`
    expect(pickStartable([first, later], running, ctx)).toEqual([]);
  });
  it("starts nothing when every slot is taken", () => {
    expect(pickStartable([move("live", 1, 2)], [move("live", 2, 1)], ctx)).toEqual([]);
  });
});

describe("queuesAtLimit", () => {
  it("queues moves started from the gateway or Failover Cluster Manager, whatever the kind", () => {
    for (const kind of ["live", "quick", "shared-nothing", "storage"] as const) {
      expect(queuesAtLimit("admin-center", kind)).toBe(true);
      expect(queuesAtLimit("failover-cluster-manager", kind)).toBe(true);
    }
  });
  it("queues a cluster move from PowerShell (Move-ClusterVirtualMachineRole goes through the cluster)", () => {
    expect(queuesAtLimit("powershell", "live")).toBe(true);
    expect(queuesAtLimit("powershell", "quick")).toBe(true);
  });
  it("fails Move-VM from PowerShell, and moves from Hyper-V Manager or a session on the host", () => {
    expect(queuesAtLimit("powershell", "shared-nothing")).toBe(false);
    expect(queuesAtLimit("powershell", "storage")).toBe(false);
    for (const kind of ["live", "shared-nothing"] as const) {
      expect(queuesAtLimit("hyper-v-manager", kind)).toBe(false);
      expect(queuesAtLimit("source-session", kind)).toBe(false);
    }
  });
});

describe("admit", () => {
  it("starts a move that fits", () => {
    expect(admit(move("live", 1, 2), "admin-center", [], [], ctx)).toEqual({ status: "running" });
  });
  it("queues a move from the gateway over the limit, behind the moves already waiting on its source", () => {
    const running = [move("live", 2, 1)];
    const waiting = [move("live", 1, 2), move("shared-nothing", 3, 5)];
    const next = move("live", 1, 2);
    expect(admit(next, "failover-cluster-manager", running, waiting, ctx)).toEqual({
      status: "queued",
      position: 2,
      limit: 1,
    });
  });
  it("queues a move that would fit behind an earlier queued move on one of its hosts (FIFO)", () => {
    const waiting = [move("shared-nothing", 3, 5)];
    expect(admit(move("shared-nothing", 3, 1), "admin-center", [], waiting, ctx)).toMatchObject({
      status: "queued",
      limit: null,
    });
    // A storage move does not wait behind a live one, but it waits behind a shared-nothing one
    // (which holds a storage slot too).
    expect(admit(move("storage", 3, 3), "admin-center", [], [move("live", 3, 5)], ctx)).toEqual({
      status: "running",
    });
    expect(admit(move("storage", 3, 3), "admin-center", [], waiting, ctx)).toMatchObject({
      status: "queued",
    });
  });
  it("queues a PowerShell cluster move over the limit, as Failover Cluster Manager would", () => {
    const running = [move("live", 2, 1)];
    expect(admit(move("live", 1, 2), "powershell", running, [], ctx)).toEqual({
      status: "queued",
      position: 1,
      limit: 1,
    });
  });
  it("fails a move from Hyper-V Manager or PowerShell only at a limit really reached (21501)", () => {
    const running = [move("shared-nothing", 1, 5)];
    expect(admit(move("shared-nothing", 3, 5), "powershell", running, [], ctx)).toEqual({
      status: "failed",
      limit: 1,
    });
    expect(
      admit(move("shared-nothing", 3, 1), "hyper-v-manager", [], [move("shared-nothing", 3, 5)], ctx),
    ).toEqual({
      status: "running",
    });
  });
});

describe("queuePositions", () => {
  it("numbers each source host's queue from 1 in id order", () => {
    const queued = [
      { id: 4, sourceHostId: 1 },
      { id: 6, sourceHostId: 3 },
      { id: 9, sourceHostId: 1 },
    ];
    expect([...queuePositions(queued)]).toEqual([
      [4, 1],
      [6, 1],
      [9, 2],
    ]);
  });
});
