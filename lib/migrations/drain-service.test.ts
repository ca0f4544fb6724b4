// Integration: node drain and resume on a real SQLite file, the runner on a fake clock.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CHANNEL } from "@/lib/hyperv/vocabulary";
import { scenarioNamed } from "@/lib/lab/scenarios";
import { rejection } from "@/lib/testing/rejection";
import { seedDemo } from "@/lib/testing/seed";
import { writeEstate } from "@/prisma/write-estate";
import { MigrationBus } from "./bus";
import { FakeClock } from "./clock";
import { DrainService } from "./drain-service";
import { getDrain } from "./drain-store";
import { MigrationService } from "./service";

async function seed(scenario: string) {
  await seedDemo(); // reports a missing test database clearly
  const s = scenarioNamed(scenario);
  if (!s) throw new Error(`no scenario ${scenario}`);
  await writeEstate(db, s.build());
}

const hostId = async (name: string) => (await db.host.findUniqueOrThrow({ where: { name } })).id;
const hostOf = async (vm: string) =>
  (await db.vm.findUniqueOrThrow({ where: { name: vm }, include: { host: true } })).host.name;

function harness(speed = 50) {
  const clock = new FakeClock();
  const bus = new MigrationBus();
  const service = new MigrationService({ clock, bus, defaultSpeed: speed });
  const drains = new DrainService(service, clock, () => speed);
  let mostAtOnce = 0;
  /** Steps the clock until `until` holds, noting the most moves running at once. */
  const runUntil = async (until: () => Promise<boolean>, maxMs = 900_000, step = 200) => {
    for (let t = 0; t < maxMs; t += step) {
      const running = await db.migration.count({ where: { status: "running" } });
      mostAtOnce = Math.max(mostAtOnce, running);
      if (await until()) return;
      clock.advance(step);
      await service.runner.settled();
    }
    throw new Error("condition not reached");
  };
  const ended = (id: number) => async () => (await getDrain(id)).status !== "InProgress";
  return { clock, service, drains, runUntil, ended, mostAtOnce: () => mostAtOnce };
}

describe("draining HV1 (Suspend-ClusterNode -Drain)", () => {
  beforeEach(() => seed("drain"));

  it("moves every role to HV2 in priority order, High and Medium live, Low and No Auto Start quick, at most MaximumParallelMigrations at once; the node ends Paused", async () => {
    const h = harness();
    const hv1 = await hostId("HV1");
    const seeded = await db.eventLogEntry.count();
    const { drainId } = await h.drains.suspend(hv1, { drain: true });
    if (drainId === null) throw new Error("no drain");
    await h.drains.settled();
    const first = await getDrain(drainId);
    expect(first.status).toBe("InProgress");
    expect(first.moves.map((m) => [m.vmName, m.priority, m.kind])).toEqual([
      ["SQL01", 3000, "live"],
      ["ANALYTICS01", 2000, "live"],
      ["WEB01", 2000, "live"],
      ["FS01", 1000, "quick"],
      ["LEGACY-APP", 1000, "quick"],
      ["ARCHIVE01", 0, "quick"],
    ]);
    // CLUSTER1 allows 2: the first two run, the rest wait in the queue in priority order.
    expect(first.moves.map((m) => m.state)).toEqual([
      "moving",
      "moving",
      "queued",
      "queued",
      "queued",
      "queued",
    ]);
    expect(first.parallel).toBe(2);
    expect(first.powershell).toBe("Suspend-ClusterNode -Name HV1 -Cluster CLUSTER1 -Drain");
    expect((await db.host.findUniqueOrThrow({ where: { id: hv1 } })).state).toBe("Paused");

    await h.runUntil(h.ended(drainId));
    expect(h.mostAtOnce()).toBe(2);
    const done = await getDrain(drainId);
    expect(done.status).toBe("Completed");
    expect(done.counts).toEqual({ queued: 0, moving: 0, done: 6, failed: 0 });
    for (const vm of ["SQL01", "ANALYTICS01", "WEB01", "FS01", "LEGACY-APP", "ARCHIVE01"]) {
      expect(await hostOf(vm)).toBe("HV2");
    }
    const kinds = await db.migration.findMany({
      select: { vmName: true, kind: true },
      orderBy: { id: "asc" },
    });
    expect(kinds.map((m) => `${m.vmName}:${m.kind}`)).toEqual([
      "SQL01:live",
      "ANALYTICS01:live",
      "WEB01:live",
      "FS01:quick",
      "LEGACY-APP:quick",
      "ARCHIVE01:quick",
    ]);
    // Quick-migrated VMs are running again where they landed.
    expect((await db.vm.findUniqueOrThrow({ where: { name: "FS01" } })).state).toBe("Running");
    expect((await db.host.findUniqueOrThrow({ where: { id: hv1 } })).state).toBe("Paused");
    expect(done.throughput.some((p) => p.bytesPerSecond > 0)).toBe(true);

    const log = await db.eventLogEntry.findMany({
      where: { id: { gt: seeded }, hostId: hv1, channel: CHANNEL.failoverClustering },
      orderBy: { id: "asc" },
    });
    expect(log.map((e) => e.eventId)).toEqual([0, 1641, 1641, 1641, 1641, 1641, 1641, 0]);
    expect(log[1]?.message).toBe(
      "Clustered role 'SQL01' is moving from cluster node 'HV1' to cluster node 'HV2'.",
    );
    expect(log.at(-1)?.message).toBe(
      "Cluster node 'HV1' was drained: 6 clustered role(s) moved to other nodes.",
    );
  });

  it("resume with fail-back returns the roles the drain moved (and no others); the node is Up", async () => {
    const h = harness();
    const hv1 = await hostId("HV1");
    const { drainId } = await h.drains.suspend(hv1, { drain: true });
    await h.drains.settled();
    await h.runUntil(h.ended(drainId ?? 0));
    const { failbackId } = await h.drains.resume(hv1, { failback: true });
    if (failbackId === null) throw new Error("nothing failed back");
    await h.drains.settled();
    expect((await db.host.findUniqueOrThrow({ where: { id: hv1 } })).state).toBe("Up");
    const failback = await getDrain(failbackId);
    expect(failback.kind).toBe("failback");
    expect(failback.powershell).toBe("Resume-ClusterNode -Name HV1 -Cluster CLUSTER1 -Failback Immediate");
    expect(failback.moves.map((m) => m.vmName)).toEqual([
      "SQL01",
      "ANALYTICS01",
      "WEB01",
      "FS01",
      "LEGACY-APP",
      "ARCHIVE01",
    ]);
    await h.runUntil(h.ended(failbackId));
    expect((await getDrain(failbackId)).status).toBe("Completed");
    for (const vm of ["SQL01", "WEB01", "FS01", "ARCHIVE01"]) expect(await hostOf(vm)).toBe("HV1");
    // HV2's own roles stayed where they were.
    expect(await hostOf("SQL02")).toBe("HV2");
    // The drain is over for the node: its status reads NotInitiated again.
    expect((await getDrain(drainId ?? 0)).resumedAt).not.toBeNull();
  });

  it("resume without fail-back leaves the roles where the drain put them", async () => {
    const h = harness();
    const hv1 = await hostId("HV1");
    const { drainId } = await h.drains.suspend(hv1, { drain: true });
    await h.drains.settled();
    await h.runUntil(h.ended(drainId ?? 0));
    expect(await h.drains.resume(hv1, { failback: false })).toEqual({ nodeId: hv1, failbackId: null });
    expect((await db.host.findUniqueOrThrow({ where: { id: hv1 } })).state).toBe("Up");
    expect(await hostOf("SQL01")).toBe("HV2");
    expect(await db.migration.count()).toBe(6);
  });

  it("a role no node has the memory for is reported, stays on HV1, and the drain ends Failed (1677)", async () => {
    const hv1 = await hostId("HV1");
    const hv2 = await hostId("HV2");
    // HV2 keeps 60 GiB free: ANALYTICS01 (64 GB) fits nowhere, the others do.
    const used = 24 * 1024;
    await db.host.update({ where: { id: hv2 }, data: { memoryMiB: 8 * 1024 + used + 60 * 1024 } });
    const h = harness();
    const { drainId } = await h.drains.suspend(hv1, { drain: true });
    const id = drainId ?? 0;
    await h.drains.settled();
    const started = await getDrain(id);
    const analytics = started.moves.find((m) => m.vmName === "ANALYTICS01");
    expect(analytics).toMatchObject({ state: "failed", destination: null, migrationId: null });
    expect(analytics?.failure).toBe(
      "No node has the memory: 'ANALYTICS01' needs 65536 MB; the most any node has free is 28672 MB (HV2).",
    );
    await h.runUntil(h.ended(id));
    const done = await getDrain(id);
    expect(done.status).toBe("Failed");
    expect(await hostOf("ANALYTICS01")).toBe("HV1");
    expect(await hostOf("SQL01")).toBe("HV2");
    const failed = await db.eventLogEntry.findFirstOrThrow({ where: { hostId: hv1, eventId: 1677 } });
    expect(failed.level).toBe("Error");
    expect(failed.channel).toBe(CHANNEL.failoverClustering);
    expect(failed.message).toMatch(/^Node drain failed on Cluster node HV1\./);
    expect(failed.message).toContain("'ANALYTICS01': No node has the memory");
    // The node's drain status is Failed until it is resumed.
    const node = await db.nodeDrain.findFirstOrThrow({ where: { nodeId: hv1 }, orderBy: { id: "desc" } });
    expect(node.status).toBe("Failed");
  });

  it("refuses a target that is not another node (422 targetNodeId), a second drain (409) and a node outside a cluster, changing nothing", async () => {
    const h = harness();
    const hv1 = await hostId("HV1");
    const bad = await rejection(h.drains.suspend(hv1, { drain: true, targetNodeId: await hostId("HV3") }));
    expect(bad.status).toBe(422);
    expect(bad.details).toEqual([{ path: "targetNodeId", message: "HV3 is not another node of CLUSTER1." }]);
    expect((await db.host.findUniqueOrThrow({ where: { id: hv1 } })).state).toBe("Up");
    const notClustered = await rejection(h.drains.suspend(await hostId("HV3"), { drain: true }));
    expect(notClustered.status).toBe(409);
    await h.drains.suspend(hv1, { drain: true, targetNodeId: await hostId("HV2") });
    await h.drains.settled();
    expect((await rejection(h.drains.suspend(hv1, { drain: true }))).status).toBe(409);
    expect((await rejection(h.drains.resume(hv1, { failback: true }))).status).toBe(409);
    expect(await db.nodeDrain.count()).toBe(1);
  });

  it("Pause > Do not drain roles pauses the node and moves nothing", async () => {
    const h = harness();
    const hv1 = await hostId("HV1");
    expect(await h.drains.suspend(hv1, { drain: false })).toEqual({ nodeId: hv1, drainId: null });
    expect((await db.host.findUniqueOrThrow({ where: { id: hv1 } })).state).toBe("Paused");
    expect(await db.migration.count()).toBe(0);
    expect(await db.nodeDrain.count()).toBe(0);
  });

  it("a restart while roles are still being placed: the new process places the rest", async () => {
    const h = harness();
    const hv1 = await hostId("HV1");
    const { drainId } = await h.drains.suspend(hv1, { drain: true });
    await h.drains.halt(); // the process stops placing roles
    const pending = await db.nodeDrainMove.count({ where: { drainId: drainId ?? 0, state: "pending" } });
    expect(pending).toBeGreaterThan(0);
    const after = harness();
    await after.service.recover();
    expect(await after.drains.recover()).toBe(1);
    expect(await db.nodeDrainMove.count({ where: { state: "pending" } })).toBe(0);
    await after.runUntil(after.ended(drainId ?? 0));
    expect((await getDrain(drainId ?? 0)).moves.filter((m) => m.state === "done").length).toBeGreaterThan(0);
  });

  it("a drain survives a restart: the moves left running roll back, the VMs stay on HV1, the drain reads Failed", async () => {
    const h = harness();
    const hv1 = await hostId("HV1");
    const { drainId } = await h.drains.suspend(hv1, { drain: true });
    await h.drains.settled();
    // A new process: nothing runs; recovery resolves the moves and pumps the queue.
    const after = harness();
    await after.service.recover();
    await after.runUntil(after.ended(drainId ?? 0));
    const drain = await getDrain(drainId ?? 0);
    expect(drain.status).toBe("Failed");
    expect(drain.moves.filter((m) => m.state === "failed").map((m) => m.vmName)).toEqual([
      "SQL01",
      "ANALYTICS01",
    ]);
    expect(await hostOf("SQL01")).toBe("HV1");
    // Exactly one host per VM throughout: every role is on HV1 or HV2.
    const vms = await db.vm.findMany({ where: { highlyAvailable: true }, include: { host: true } });
    expect(vms.every((v) => v.host.name === "HV1" || v.host.name === "HV2")).toBe(true);
  });
});

describe("draining HV2: an Off role moves at once, a saved one by quick migration", () => {
  beforeEach(() => seed("demo"));

  it("TEMPLATE-2022 (Off) moves as a role with no migration; BUILD01 (Saved, Low) quick-migrates", async () => {
    const h = harness();
    const { drainId } = await h.drains.suspend(await hostId("HV2"), { drain: true });
    await h.drains.settled();
    const drain = await getDrain(drainId ?? 0);
    const template = drain.moves.find((m) => m.vmName === "TEMPLATE-2022");
    expect(template).toMatchObject({ kind: "offline", state: "done", migrationId: null });
    expect(await hostOf("TEMPLATE-2022")).toBe("HV1");
    expect(drain.moves.find((m) => m.vmName === "BUILD01")?.kind).toBe("quick");
    await h.runUntil(h.ended(drainId ?? 0));
    expect((await getDrain(drainId ?? 0)).status).toBe("Completed");
    expect(await hostOf("BUILD01")).toBe("HV1");
    expect((await db.vm.findUniqueOrThrow({ where: { name: "BUILD01" } })).state).toBe("Saved");
  });
});
