// The guided lab against a real SQLite file: each step's check fails until the estate has what
// the step builds, through the same inventory functions the forms call, and passes after.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { purgeTickets, setDelegation } from "@/lib/inventory/active-directory";
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

describe("CredSSP vs Kerberos", () => {
  const KERBEROS = "Microsoft Virtual System Migration Service";

  it("from the gateway: refused under CredSSP, then under Kerberos without delegation; with the delegation in HV3's tickets the same move succeeds", async () => {
    const started = await startLesson({ lesson: "kerberos" });
    expect(started.run).toMatchObject({ lesson: "kerberos", title: "CredSSP vs Kerberos" });
    expect(started.steps.map((s) => s.id)).toEqual(["credssp", "kerberos", "delegation", "tickets", "move"]);
    // Step 1 builds nothing: the starting point is its check's estate.
    expect(done(started)).toEqual(["credssp"]);
    expect(step(started, "kerberos").check.missing).toEqual([
      'HV3 authenticates live migrations with CredSSP: choose "Use Kerberos" in HV3\'s Settings and Save.',
    ]);
    expect(step(started, "delegation").check.missing).toEqual([
      'HV3\'s computer account is not trusted for delegation: choose "Trust this computer for delegation to specified services only".',
      'HV3 does not "Use any authentication protocol": select it (a move started from the gateway reaches HV3 through WinRM, which cannot pass a Kerberos ticket on).',
      `HV3 does not delegate "${KERBEROS}" on HV1: add it.`,
      'HV3 does not delegate "cifs" on HV1: add it.',
    ]);
    expect(step(started, "tickets").check.missing).toEqual([
      "Add the delegation in Active Directory first (step 3).",
    ]);
    expect(step(started, "move").check.missing).toEqual(["Switch both hosts to Kerberos first (step 2)."]);
    expect(step(started, "delegation").links).toEqual([
      { label: "Open DC1's Active Directory", href: `/servers/${await host("DC1")}/active-directory` },
    ]);

    const { service } = await readyMigrations();
    const app01 = await db.vm.findUniqueOrThrow({ where: { name: "APP01" } });
    const hv1 = await host("HV1");
    const hv3 = await host("HV3");
    const fromGateway = {
      vmId: app01.id,
      kind: "shared-nothing",
      destinationHostId: hv1,
      startedFrom: "admin-center",
    } as const;
    // What step 1 shows: the gateway's start is refused with CredSSP's 0x8009030D text.
    expect((await rejection(service.start(fromGateway))).message).toContain("(0x8009030D)");

    await updateHost(hv3, { migration: { authentication: "Kerberos" } });
    let g = await getGuide();
    expect(done(g)).toEqual(["credssp", "kerberos"]);
    expect(step(g, "move").check.missing).toEqual(["Add the delegation in Active Directory first (step 3)."]);
    // The Kerberos failure without delegation.
    expect((await rejection(service.start(fromGateway))).message).toBe(
      'Failed to establish a connection with host "HV1": No credentials are available in the security package (0x8009030E). The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine migration at the source host: no suitable credentials available.',
    );

    // Kerberos only and one service: the check names what is still missing.
    await setDelegation(hv3, {
      mode: "specified",
      anyProtocol: false,
      services: [{ service: KERBEROS, hostId: hv1 }],
    });
    expect(step(await getGuide(), "delegation").check.missing).toEqual([
      'HV3 does not "Use any authentication protocol": select it (a move started from the gateway reaches HV3 through WinRM, which cannot pass a Kerberos ticket on).',
      'HV3 does not delegate "cifs" on HV1: add it.',
    ]);
    await setDelegation(hv3, {
      mode: "specified",
      anyProtocol: true,
      services: [
        { service: KERBEROS, hostId: hv1 },
        { service: "cifs", hostId: hv1 },
      ],
    });
    g = await getGuide();
    expect(done(g)).toEqual(["credssp", "kerberos", "delegation"]);
    expect(step(g, "tickets").check.missing).toEqual([
      expect.stringMatching(
        /^HV3's Kerberos tickets still carry its earlier delegation: the change takes effect in 1[45] min \d+ s on the lab clock \(replication and a new ticket\), or now with "Purge Kerberos tickets" in HV3's Settings\.$/,
      ),
    ]);
    expect(step(g, "move").check.missing).toEqual(["Let the delegation reach HV3's tickets first (step 4)."]);
    expect((await rejection(service.start(fromGateway))).message).toContain("(0x8009030E)");

    await purgeTickets(hv3);
    g = await getGuide();
    expect(done(g)).toEqual(["credssp", "kerberos", "delegation", "tickets"]);
    expect(step(g, "move").check.missing).toEqual([
      "Move APP01 to HV1: Manage > Move in HV3's Virtual machines, started from this gateway (Admin Center).",
    ]);

    await controlClock({ mode: "paused" });
    const { id } = await service.start(fromGateway);
    expect(step(await getGuide(), "move").check.missing).toEqual([
      "The move of APP01 to HV1 is running: watch it until it completes.",
    ]);
    await controlClock({ advanceTo: "end", migrationId: id });
    g = await getGuide();
    expect(g.progress).toEqual({ done: 5, total: 5 });
    // The VM has left HV3, and step 1 still counts: the lesson's move is what moved it.
    expect((await db.vm.findUniqueOrThrow({ where: { name: "APP01" } })).hostId).toBe(hv1);
    expect(step(g, "move").links.at(-1)).toEqual({ label: "Open the migration", href: `/migrations/${id}` });
    await controlClock({ mode: "running", speed: 1 });
  });

  it("lets the lab clock carry the delegation into the tickets once the replication delay has passed", async () => {
    await startLesson({ lesson: "kerberos" });
    const hv1 = await host("HV1");
    const hv3 = await host("HV3");
    await controlClock({ mode: "paused" });
    await setDelegation(hv3, {
      mode: "specified",
      anyProtocol: true,
      services: [
        { service: KERBEROS, hostId: hv1 },
        { service: "cifs", hostId: hv1 },
      ],
    });
    expect(step(await getGuide(), "tickets").check.missing[0]).toContain("takes effect in 15 min 0 s");
    await controlClock({ advance: 14 * 60_000 });
    expect(step(await getGuide(), "tickets").check.missing[0]).toContain("takes effect in 60.0 s");
    await controlClock({ advance: 60_000 });
    expect(step(await getGuide(), "tickets").check.done).toBe(true);
    await controlClock({ mode: "running", speed: 1 });
  });
});
