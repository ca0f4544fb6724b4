// The guided lab against a real SQLite file: each step's check fails until the estate has what
// the step builds, through the same inventory functions the forms call, and passes after.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createValidatedCluster } from "@/lib/inventory/cluster-create";
import { addClusterDisk, addCsv } from "@/lib/inventory/cluster-storage";
import { updateHost } from "@/lib/inventory/hosts";
import { createTarget, createVirtualDisk } from "@/lib/inventory/iscsi";
import { initiatorAction } from "@/lib/inventory/iscsi-initiator";
import { applyVmAction, createVm } from "@/lib/inventory/vms";
import { readyMigrations } from "@/lib/migrations";
import { CreateClusterInput } from "@/lib/schemas/cluster";
import { CreateVmInput } from "@/lib/schemas/vm";
import { rejection } from "@/lib/testing/rejection";
import { seedDemo } from "@/lib/testing/seed";
import { controlClock } from "./clock-control";
import { answerQuestion, type Guide, getGuide, labAction, startLesson } from "./guide";

const step = (g: Guide, id: string) => {
  const s = g.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const done = (g: Guide) => g.steps.filter((s) => s.check.done).map((s) => s.id);
const host = async (name: string) => (await db.host.findUniqueOrThrow({ where: { name } })).id;
const iqn = (name: string) => `iqn.1991-05.com.microsoft:${name.toLowerCase()}.contoso.com`;

/** Starts a live migration from Failover Cluster Manager and runs the lab clock to its end. */
async function migrate(vmName: string) {
  const { service } = await readyMigrations();
  const vm = await db.vm.findUniqueOrThrow({ where: { name: vmName }, include: { host: true } });
  const to = await host(vm.host.name === "HV1" ? "HV2" : "HV1");
  await controlClock({ mode: "paused" });
  const { id } = await service.start({
    vmId: vm.id,
    kind: "live",
    destinationHostId: to,
    startedFrom: "failover-cluster-manager",
  });
  return { id, finish: () => controlClock({ advanceTo: "end", migrationId: id }) };
}

beforeEach(async () => {
  await seedDemo();
  await db.labRun.deleteMany();
});

describe("the build lesson", () => {
  it("starts from the bare domain, then each check passes only once its step is done", async () => {
    const started = await startLesson({ lesson: "build" });
    expect(started.run).toMatchObject({ lesson: "build", title: "Build a cluster and live-migrate a VM" });
    expect(await db.host.count()).toBe(4);
    expect(await db.vm.count()).toBe(0);
    // Step 1 has nothing to build: the bare domain is its check's estate.
    expect(done(started)).toEqual(["domain"]);
    expect(step(started, "cluster").check.missing).toEqual([
      "No cluster has HV1 and HV2 as nodes yet: validate them and create the cluster.",
    ]);
    expect(started.progress).toEqual({ done: 1, total: 8 });

    const { cluster } = await createValidatedCluster(
      CreateClusterInput.parse({
        name: "CLUSTER1",
        ipAddress: "10.0.0.20",
        nodeIds: [await host("HV1"), await host("HV2")],
        witness: { type: "fileShare", path: "\\\\DC1\\Witness" },
      }),
    );
    let g = await getGuide();
    expect(done(g)).toEqual(["domain", "cluster"]);
    expect(step(g, "virtual-disk").check.missing).toEqual(["SRV3 has no iSCSI virtual disk yet."]);

    const srv3 = await host("SRV3");
    const disk1 = await db.dataDisk.findFirstOrThrow({ where: { hostId: srv3, number: 1 } });
    const { server } = await createVirtualDisk({
      dataDiskId: disk1.id,
      path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx",
      sizeGiB: 500,
      type: "Fixed",
    });
    g = await getGuide();
    expect(done(g)).toContain("virtual-disk");
    expect(step(g, "target").check.missing).toEqual(["SRV3 has no iSCSI target yet."]);

    const disk = server.virtualDisks[0]?.id as number;
    const { server: withTarget } = await createTarget({
      hostId: srv3,
      name: "cluster1-csv",
      initiatorIqns: [iqn("HV1")],
      virtualDiskIds: [disk],
    });
    const target = withTarget.targets[0]?.id as number;
    g = await getGuide();
    expect(step(g, "target").check.missing).toEqual([
      `Target 'cluster1-csv' does not allow HV2's initiator (${iqn("HV2")}).`,
    ]);
    const { updateTarget } = await import("@/lib/inventory/iscsi");
    await updateTarget(target, { initiatorIqns: [iqn("HV1"), iqn("HV2")] });
    g = await getGuide();
    expect(step(g, "target").check.done).toBe(true);
    expect(step(g, "initiators").check.missing).toEqual([
      "HV1 is not connected to target 'cluster1-csv': discover 192.168.20.13 and connect.",
      "HV2 is not connected to target 'cluster1-csv': discover 192.168.20.13 and connect.",
      "The disk has not been brought online (and formatted) on a node.",
    ]);

    for (const name of ["HV1", "HV2"]) {
      await initiatorAction(await host(name), { action: "discover", address: "192.168.20.13" });
      await initiatorAction(await host(name), { action: "connect", targetId: target });
    }
    expect(step(await getGuide(), "initiators").check.missing).toEqual([
      "The disk has not been brought online (and formatted) on a node.",
    ]);
    await initiatorAction(await host("HV1"), { action: "online", virtualDiskId: disk });
    g = await getGuide();
    expect(step(g, "initiators").check.done).toBe(true);
    expect(step(g, "csv").check.missing).toEqual([
      "No disk of CLUSTER1 yet: in its Volumes, Add disk (every node must reach it, formatted).",
    ]);

    await addClusterDisk(cluster.id, { virtualDiskId: disk });
    expect(step(await getGuide(), "csv").check.missing).toEqual([
      "The disk is in CLUSTER1's Available Storage: add it to Cluster Shared Volumes.",
    ]);
    await addCsv(cluster.id, { virtualDiskId: disk });
    g = await getGuide();
    expect(step(g, "csv").check.done).toBe(true);
    expect(step(g, "vm").check.missing).toEqual([
      "No highly available VM on C:\\ClusterStorage\\Volume1 yet: Add > New in CLUSTER1's Virtual machines.",
    ]);

    // A VM off shared storage does not count; the highly available one on the CSV does.
    await createVm(
      CreateVmInput.parse({ name: "LOCAL01", hostId: await host("HV1"), folder: "D:\\Hyper-V" }),
    );
    expect(step(await getGuide(), "vm").check.missing[0]).toMatch(/^LOCAL01 is not highly available/);
    const { vm } = await createVm(
      CreateVmInput.parse({
        name: "WEB03",
        hostId: await host("HV1"),
        switchName: "Production",
        highlyAvailable: true,
      }),
    );
    g = await getGuide();
    expect(step(g, "vm").check.done).toBe(true);
    expect(step(g, "migrate").check.missing).toEqual([
      "WEB03 is Off: start it (only a running VM live-migrates).",
      "Live-migrate WEB03 to the other node: Manage > Move, started from Failover Cluster Manager.",
    ]);

    await applyVmAction(vm.id, "start");
    const move = await migrate("WEB03");
    expect(step(await getGuide(), "migrate").check.missing).toEqual([
      "The live migration of WEB03 is still running: watch its passes until it completes.",
    ]);
    await move.finish();
    g = await getGuide();
    expect(step(g, "migrate").check.done).toBe(true);
    expect(step(g, "migrate").links.at(-1)).toEqual({
      label: "Open the migration",
      href: `/migrations/${move.id}`,
    });
    expect(g.progress).toEqual({ done: 8, total: 8 });
    await controlClock({ mode: "running", speed: 1 });
  });

  it("keeps the first answer to each question, scores it per run, and starts over with a fresh score", async () => {
    await startLesson({ lesson: "build" });
    let g = await answerQuestion({ question: "credssp", choice: "anywhere" });
    expect(g.questions.find((q) => q.id === "credssp")?.answered).toMatchObject({
      choice: "anywhere",
      correct: false,
      answer: "source",
    });
    g = await answerQuestion({ question: "credssp", choice: "source" });
    expect(g.questions.find((q) => q.id === "credssp")?.answered?.choice).toBe("anywhere");
    g = await answerQuestion({ question: "storage", choice: "csv" });
    expect(g.score).toEqual({ correct: 1, answered: 2, total: 4 });
    expect((await rejection(answerQuestion({ question: "storage", choice: "x" }))).status).toBe(422);
    expect(
      (await rejection(answerQuestion({ question: "non-convergence", choice: "rate" }))).details,
    ).toEqual([{ path: "question", message: "This lesson has no such question." }]);

    const again = await startLesson({ lesson: "build" });
    expect(again.score).toEqual({ correct: 0, answered: 0, total: 4 });
    expect(again.history[0]).toMatchObject({ lesson: "build", correct: 1, answered: 2, total: 4 });
  });

  it("ends the run when the estate is reset from outside the lab (the control API), keeping its score", async () => {
    await startLesson({ lesson: "build" });
    await answerQuestion({ question: "storage", choice: "csv" });
    const { resetLab } = await import("./reset");
    await resetLab("demo");
    const g = await getGuide();
    expect(g.run).toBeNull();
    expect(g.history[0]).toMatchObject({ lesson: "build", correct: 1, answered: 1 });
    expect((await rejection(answerQuestion({ question: "credssp", choice: "source" }))).status).toBe(409);
  });

  it("names what a start replaces, and ends the moves in flight on their source", async () => {
    const before = await getGuide();
    expect(before.run).toBeNull();
    expect(before.estate).toMatchObject({
      servers: 6,
      clusters: 1,
      vms: 13,
      virtualDisks: 2,
      volumes: 1,
      inFlight: 0,
    });
    const { service } = await readyMigrations();
    const fs01 = await db.vm.findUniqueOrThrow({ where: { name: "FS01" } });
    await service.start({
      vmId: fs01.id,
      kind: "live",
      destinationHostId: await host("HV2"),
      startedFrom: "admin-center",
      speed: 0.01,
    });
    expect((await getGuide()).estate.inFlight).toBe(1);
    const started = await startLesson({ lesson: "build" });
    expect(started.estate).toMatchObject({ servers: 4, clusters: 0, vms: 0, moves: 0, inFlight: 0 });
  });
});

describe("why a migration does not converge", () => {
  it("stops at the pass cap on 1 GbE with minutes of blackout, then seconds once the nodes have RDMA adapters and SMB", async () => {
    const started = await startLesson({ lesson: "non-convergence" });
    expect(started.steps.map((s) => s.id)).toEqual(["cap", "rdma", "smb", "again"]);
    expect(done(started)).toEqual([]);
    expect(step(started, "rdma").check.missing).toEqual([
      "HV1's live-migration adapters (1 Gbps) have no RDMA.",
      "HV2's live-migration adapters (1 Gbps) have no RDMA.",
    ]);
    expect(step(started, "smb").check.missing).toEqual([
      "HV1's performance option is TCP/IP: choose SMB in HV1's Settings and Save.",
      "HV2's performance option is TCP/IP: choose SMB in HV2's Settings and Save.",
    ]);
    expect(step(started, "again").check.missing).toEqual(["Give the nodes RDMA adapters first (step 2)."]);
    const first = await migrate("ANALYTICS01");
    await first.finish();
    let g = await getGuide();
    expect(done(g)).toEqual(["cap"]);

    // The lab's change is the hardware alone: the performance option is the Settings tool's.
    g = await labAction({ action: "rdma-adapters" });
    expect(done(g)).toEqual(["cap", "rdma"]);
    expect(step(g, "smb").check.missing).toHaveLength(2);
    expect(step(g, "again").check.missing).toEqual(["Choose SMB on both nodes first (step 3)."]);
    await updateHost(await host("HV1"), { migration: { performanceOption: "SMB" } });
    expect(step(await getGuide(), "smb").check.missing).toEqual([
      "HV2's performance option is TCP/IP: choose SMB in HV2's Settings and Save.",
    ]);
    await updateHost(await host("HV2"), { migration: { performanceOption: "SMB" } });
    g = await getGuide();
    expect(done(g)).toEqual(["cap", "rdma", "smb"]);
    expect(step(g, "again").check.missing).toEqual(["Live-migrate ANALYTICS01 again, now over SMB Direct."]);
    const second = await migrate("ANALYTICS01");
    await second.finish();
    expect(done(await getGuide())).toEqual(["cap", "rdma", "smb", "again"]);
    // The engine's own figures: minutes of blackout on 1 GbE, seconds over SMB Direct.
    const [slow, fast] = await db.migration.findMany({ orderBy: { id: "asc" }, select: { summary: true } });
    const blackout = (m: typeof slow) => (m?.summary as { downtimeMs?: number } | undefined)?.downtimeMs ?? 0;
    expect(blackout(slow)).toBeGreaterThan(60_000);
    expect(blackout(fast)).toBeLessThan(10_000);
    await controlClock({ mode: "running", speed: 1 });
  });

  it("changes only the adapters, logs it as the lab's, and refuses it outside its lesson or while a move runs", async () => {
    await startLesson({ lesson: "build" });
    expect((await rejection(labAction({ action: "rdma-adapters" }))).status).toBe(409);

    await startLesson({ lesson: "non-convergence" });
    const move = await migrate("ANALYTICS01");
    expect((await rejection(labAction({ action: "rdma-adapters" }))).message).toBe(
      "'ANALYTICS01' is moving between the nodes: wait for the move to end first.",
    );
    await move.finish();
    await labAction({ action: "rdma-adapters" });
    const hv1 = await host("HV1");
    expect(await db.networkAdapter.findMany({ where: { hostId: hv1, purpose: "LiveMigration" } })).toEqual([
      expect.objectContaining({ speedMbps: 25_000, rdma: true }),
    ]);
    expect((await db.migrationSettings.findUniqueOrThrow({ where: { hostId: hv1 } })).performanceOption).toBe(
      "TCPIP",
    );
    const log = await db.eventLogEntry.findFirstOrThrow({
      where: { hostId: hv1, message: { startsWith: "Lab change" } },
    });
    expect(log).toMatchObject({ channel: "Live Migration Lab", eventId: 0 });
    await controlClock({ mode: "running", speed: 1 });
  });
});
