import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { TCP_TIMEOUT_MS } from "@/lib/engine/transport";
import type { StageName } from "@/lib/engine/types";
import { CHANNEL, CIFS_SERVICE, MIGRATION_SERVICE } from "@/lib/hyperv/vocabulary";
import type { MigrationStreamEvent, StartMigrationInput } from "@/lib/schemas/migration";
import { foldEvents } from "@/lib/schemas/migration-state";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { MigrationBus } from "./bus";
import { FakeClock } from "./clock";
import { MigrationService } from "./service";
import { eventsAfter, getMigrationDetail, getMigrationDto } from "./store";

const HV1 = idOf("hosts", "HV1");
const HV2 = idOf("hosts", "HV2");
const HV3 = idOf("hosts", "HV3");
const APP01 = idOf("vms", "APP01");
const FS01 = idOf("vms", "FS01");
const WEB01 = idOf("vms", "WEB01");
const SQL01 = idOf("vms", "SQL01");

function harness(speed = 20) {
  const clock = new FakeClock();
  const bus = new MigrationBus();
  const published: MigrationStreamEvent[] = [];
  bus.subscribeAll((p) => published.push(p.event));
  const service = new MigrationService({ clock, bus, defaultSpeed: speed });
  /** Moves the wall clock in steps until `until` holds (or gives up after `maxMs`). */
  const runUntil = async (until: () => boolean | Promise<boolean>, maxMs = 600_000, step = 100) => {
    for (let t = 0; t < maxMs; t += step) {
      if (await until()) return;
      clock.advance(step);
      await service.runner.settled();
    }
    throw new Error("condition not reached");
  };
  const sawEvent = (id: number, pred: (e: MigrationStreamEvent) => boolean) => () =>
    published.some((e) => e.migrationId === id && pred(e));
  const finished = (id: number) => sawEvent(id, (e) => e.type === "done");
  return { clock, bus, service, published, runUntil, sawEvent, finished };
}

const live = (vmId: number, extra: Partial<StartMigrationInput> = {}): StartMigrationInput => ({
  vmId,
  kind: "live",
  destinationHostId: HV2,
  startedFrom: "admin-center",
  ...extra,
});

/** CLUSTER1's MaximumParallelMigrations set to 1, so a second move waits or fails. */
const oneMoveAtATimeInCluster1 = () =>
  db.cluster.update({ where: { id: idOf("clusters", "CLUSTER1") }, data: { maxParallelMigrations: 1 } });

const hostOf = async (vmId: number) => (await db.vm.findUniqueOrThrow({ where: { id: vmId } })).hostId;

beforeEach(async () => {
  await seedDemo();
});

describe("a live migration", () => {
  it("moves the VM at switchover, stores every event in order before publishing it, and logs 20413/20415", async () => {
    const h = harness();
    const { id, status } = await h.service.start(live(FS01));
    expect(status).toBe("running");
    await h.runUntil(
      h.sawEvent(id, (e) => e.type === "pass"),
      600_000,
      5,
    );
    expect(await hostOf(FS01)).toBe(HV1);
    await h.runUntil(h.finished(id));
    expect(await hostOf(FS01)).toBe(HV2);

    const stored = await eventsAfter(id, 0);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(h.published.filter((e) => e.migrationId === id)).toEqual(stored);
    const types = stored.map((e) => e.type);
    expect(types.indexOf("switchover")).toBeGreaterThan(types.lastIndexOf("pass"));
    expect(types.at(-1)).toBe("done");

    const dto = await getMigrationDto(id);
    expect(dto).toMatchObject({ status: "succeeded", stage: "done", percent: 100, switchedOver: true });
    expect(dto.summary?.outcome).toBe("succeeded");
    const log = await db.eventLogEntry.findMany({ where: { vmId: FS01 }, orderBy: { id: "asc" } });
    expect(log.map((e) => e.eventId)).toEqual(expect.arrayContaining([20413, 20415]));
    expect(log.find((e) => e.eventId === 20415)?.message).toMatch(
      /successfully completed the live migration of virtual machine "FS01" with a blackout time of \d+\.\d seconds\./,
    );
  });

  it("the snapshot folded from the store matches the live fold, and percent never goes back", async () => {
    const h = harness();
    const { id } = await h.service.start(live(WEB01));
    await h.runUntil(h.finished(id));
    const detail = await getMigrationDetail(id);
    expect(detail.status).toBe("succeeded");
    expect(detail.passes.length).toBe(detail.summary?.passes);
    expect(detail.stages.map((s) => s.stage)).toEqual([
      "setup",
      "memory-transfer",
      "state-transfer",
      "cleanup",
    ]);
    const percents = detail.samples.map((s) => s.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(detail.log.map((l) => l.eventId)).toEqual([20413, 20415]);
    const settings = await db.migrationSettings.findUniqueOrThrow({ where: { hostId: HV1 } });
    expect(detail.policy).toEqual({ maxPasses: settings.maxPasses, stopBelowBytes: 40_265_318 });
  });

  it("a page that watched the move live shows the same facts as one opened after it ended", async () => {
    await oneMoveAtATimeInCluster1();
    const h = harness();
    const first = await h.service.start(live(FS01));
    const { id } = await h.service.start(live(WEB01)); // queued behind FS01, then runs
    // What a page opened at once gets (the stored row, nothing folded yet), then every event live.
    const seen = { ...(await getMigrationDto(id)), lastSeq: 0 };
    expect(seen).toMatchObject({ status: "queued", startedAt: null, finishedAt: null });
    await h.runUntil(h.finished(first.id));
    await h.runUntil(h.finished(id));
    const live_ = foldEvents(seen, await eventsAfter(id, 0));
    const replayed = await getMigrationDetail(id);
    expect(replayed.status).toBe("succeeded");
    // Only the row's lab-clock instants are not in the events: the page fetches the row for them
    // when the move starts running and when it ends (refetchDetailAfter in lib/client).
    expect([live_.startedAt, live_.finishedAt]).toEqual([null, null]);
    expect(replayed.startedAt).not.toBeNull();
    expect(replayed.finishedAt).not.toBeNull();
    expect({ ...live_, startedAt: replayed.startedAt, finishedAt: replayed.finishedAt }).toEqual(replayed);
  });

  it("the same seed gives the same passes on a second run", async () => {
    const passesOf = async (seed: number) => {
      await seedDemo();
      const h = harness();
      const { id } = await h.service.start(live(WEB01, { seed }));
      await h.runUntil(h.finished(id));
      return (await getMigrationDetail(id)).passes;
    };
    const a = await passesOf(11);
    const b = await passesOf(11);
    expect(b).toEqual(a);
    expect(await passesOf(12)).not.toEqual(a);
  });
});

describe("moves that share a link", () => {
  it("two moves from HV1 at different speeds run on one timeline and share HV1's NIC; each stores it", async () => {
    const h = harness();
    const slow = await h.service.start(live(SQL01, { speed: 1 }));
    await h.runUntil(
      h.sawEvent(slow.id, (e) => e.type === "share"),
      600_000,
      50,
    );
    const fast = await h.service.start(live(WEB01, { speed: 20 }));
    await h.runUntil(h.finished(fast.id));
    const slowDetail = await getMigrationDetail(slow.id);
    // Asked 1x, it runs at 20x while the 20x move runs, and its page says who set that.
    expect(slowDetail.pace).toMatchObject({ speed: 1, askedSpeed: 1, setBy: null });
    const timeline = (await eventsAfter(slow.id, 0)).flatMap((e) => (e.type === "timeline" ? [e.data] : []));
    expect(timeline).toEqual([
      { speed: 1, askedSpeed: 1, setBy: null },
      { speed: 20, askedSpeed: 1, setBy: fast.id },
      { speed: 1, askedSpeed: 1, setBy: null },
    ]);
    // It was told when the fast move joined HV1's outgoing NIC and when it left.
    const changes = slowDetail.shares.map((s) => [s.cause, s.otherMigrationId]);
    expect(changes).toEqual([
      ["started", null],
      ["joined", fast.id],
      ["left", fast.id],
    ]);
    const joined = slowDetail.shares[1];
    expect(joined?.links[0]?.id).toBe(`lm-out:${HV1}`);
    expect(joined?.links[0]?.flows.map((f) => f.migrationId)).toEqual([slow.id, fast.id]);
    const fastDetail = await getMigrationDetail(fast.id);
    expect(fastDetail.pace).toMatchObject({ speed: 20, askedSpeed: 20 });
    expect(fastDetail.shares[0]?.cause).toBe("started");
    expect(fastDetail.shares[0]?.links[0]?.flows.map((f) => f.migrationId)).toEqual([slow.id, fast.id]);
  });
});

describe("cancel and faults", () => {
  const stages: StageName[] = ["setup", "memory-transfer", "state-transfer"];
  for (const stage of stages) {
    it(`cancel during ${stage} rolls back and leaves the VM on the source`, async () => {
      const h = harness();
      const { id } = await h.service.start(live(SQL01));
      await h.runUntil(
        h.sawEvent(id, (e) => e.type === "stage" && e.data.stage === stage && e.data.phase === "started"),
        600_000,
        10,
      );
      const dto = await h.service.cancel(id);
      expect(dto.status).toBe("cancelled");
      expect(await hostOf(SQL01)).toBe(HV1);
      const types = (await eventsAfter(id, 0)).map((e) => e.type);
      expect(types).toContain("rollback");
      expect(types).not.toContain("switchover");
      expect(types.at(-1)).toBe("done");
    });

    it(`a link-down fault during ${stage} fails the move with Hyper-V's text`, async () => {
      const h = harness();
      const { id } = await h.service.start(live(SQL01));
      await h.runUntil(
        h.sawEvent(id, (e) => e.type === "stage" && e.data.stage === stage && e.data.phase === "started"),
        600_000,
        10,
      );
      await h.service.fault(id, { kind: "link-down" });
      // Nothing gets through, but Hyper-V only gives up when TCP's retransmissions time out.
      expect((await getMigrationDto(id)).status).toBe("running");
      await h.runUntil(h.finished(id), 600_000, 10);
      const dto = await getMigrationDto(id);
      expect(dto.status).toBe("failed");
      expect(dto.summary?.totalMs).toBeGreaterThanOrEqual(TCP_TIMEOUT_MS);
      expect(dto.failure?.message).toContain("0x8007274C");
      expect(await hostOf(SQL01)).toBe(HV1);
      const detail = await getMigrationDetail(id);
      expect(detail.log.map((l) => l.eventId)).toEqual([20413, 0, 21502]);
      expect(detail.log[1]?.message).toMatch(/^Lesson fault: the live-migration network cable/);
      // Only Hyper-V's own events reach the host's event log.
      expect(await db.eventLogEntry.count({ where: { vmId: SQL01, eventId: 0 } })).toBe(0);
    });
  }

  it("destination out of memory in setup: the move fails under 10 % with 0x8007000E, the VM stays on the source", async () => {
    const h = harness();
    const { id } = await h.service.start(live(SQL01));
    await h.runUntil(
      h.sawEvent(id, (e) => e.type === "stage" && e.data.stage === "setup"),
      600_000,
      10,
    );
    await h.service.fault(id, { kind: "destination-out-of-memory" });
    await h.runUntil(h.finished(id), 600_000, 10);
    const detail = await getMigrationDetail(id);
    expect(detail.status).toBe("failed");
    expect(detail.percent).toBeLessThan(10);
    expect(detail.passes).toEqual([]);
    expect(detail.faults).toEqual([
      expect.objectContaining({ fault: "destination-out-of-memory", effect: { kind: "setup-will-fail" } }),
    ]);
    expect(detail.failure?.message).toBe(
      "Live migration of 'SQL01' failed. Failed to create partition: Insufficient system resources exist to complete the requested service. (0x800705AA) 'SQL01' could not initialize memory: Ran out of memory (0x8007000E).",
    );
    expect(detail.log.map((l) => [l.eventId, l.channel])).toEqual([
      [20413, CHANNEL.vmms],
      [0, CHANNEL.lab],
      [21502, CHANNEL.highAvailability],
    ]);
    expect(await hostOf(SQL01)).toBe(HV1);
  });

  it("destination out of memory after setup changes nothing: the memory is already reserved", async () => {
    const h = harness();
    const { id } = await h.service.start(live(WEB01));
    await h.runUntil(
      h.sawEvent(id, (e) => e.type === "pass"),
      600_000,
      10,
    );
    await h.service.fault(id, { kind: "destination-out-of-memory" });
    await h.runUntil(h.finished(id), 600_000, 10);
    const detail = await getMigrationDetail(id);
    expect(detail.status).toBe("succeeded");
    expect(detail.faults.map((f) => f.effect)).toEqual([{ kind: "memory-already-reserved" }]);
    expect(await hostOf(WEB01)).toBe(HV2);
  });

  it("a cancel after switchover is refused with 409 and the move completes", async () => {
    const h = harness();
    const { id } = await h.service.start(live(FS01));
    await h.runUntil(
      h.sawEvent(id, (e) => e.type === "switchover"),
      600_000,
      10,
    );
    await expect(h.service.cancel(id)).rejects.toMatchObject({ status: 409 });
    await h.runUntil(h.finished(id));
    expect((await getMigrationDto(id)).status).toBe("succeeded");
    expect(await hostOf(FS01)).toBe(HV2);
  });

  it("a slow link stretches the move; a fault on a finished move is a 409", async () => {
    const h = harness();
    const { id } = await h.service.start(live(SQL01));
    await h.runUntil(
      h.sawEvent(id, (e) => e.type === "pass"),
      600_000,
      5,
    );
    await h.service.fault(id, { kind: "slow-link", mbps: 1000 });
    // The stored fault carries the engine's new prediction; the page's fold puts it in place.
    const throttled = await getMigrationDetail(id);
    expect(throttled.repredicted).toMatchObject({ bytesPerSecond: 125e6 });
    expect(throttled.prediction.totalMs).toBeGreaterThan((await getMigrationDto(id)).prediction.totalMs * 2);
    await h.runUntil(h.finished(id), 3_600_000, 1000);
    const dto = await getMigrationDto(id);
    expect(dto.summary?.totalMs ?? 0).toBeGreaterThan(dto.prediction.totalMs * 2);
    // Without noise in the rest of the move the re-prediction would be exact; with it, close.
    const off = Math.abs((dto.summary?.totalMs ?? 0) - throttled.prediction.totalMs);
    expect(off / throttled.prediction.totalMs).toBeLessThan(0.03);
    await expect(h.service.fault(id, { kind: "link-down" })).rejects.toMatchObject({ status: 409 });
  });
});

describe("submitting", () => {
  it("an Idempotency-Key returns the same migration", async () => {
    const h = harness();
    const a = await h.service.start(live(FS01), "key-1");
    const b = await h.service.start(live(FS01), "key-1");
    expect(b.id).toBe(a.id);
    expect(await db.migration.count()).toBe(1);
    await expect(h.service.start(live(WEB01), "key-1")).rejects.toMatchObject({
      status: 409,
      message: `Idempotency-Key "key-1" was already used for another move (migration ${a.id}).`,
    });
    expect(await db.migration.count()).toBe(1);
  });

  it("a VM already moving is a 409 and writes nothing", async () => {
    const h = harness();
    await h.service.start(live(FS01));
    await expect(h.service.start(live(FS01))).rejects.toMatchObject({ status: 409, code: "conflict" });
    expect(await db.migration.count()).toBe(1);
  });

  it("a move preflight blocks is a 422 with the report and writes nothing", async () => {
    const h = harness();
    const legacy = idOf("vms", "LEGACY-APP");
    await expect(h.service.start(live(legacy))).rejects.toMatchObject({
      status: 422,
      code: "migration_blocked",
      details: { report: { canMove: false } },
    });
    expect(await db.migration.count()).toBe(0);
    expect(await db.migrationEvent.count()).toBe(0);
  });
});

describe("limits and the queue", () => {
  it("over the cluster's limit, gateway moves queue FIFO and start when a slot frees", async () => {
    await oneMoveAtATimeInCluster1();
    const h = harness();
    const first = await h.service.start(live(FS01));
    const second = await h.service.start(live(WEB01));
    const third = await h.service.start(live(SQL01, { startedFrom: "failover-cluster-manager" }));
    expect([first.status, second.status, third.status]).toEqual(["running", "queued", "queued"]);
    expect((await getMigrationDto(second.id)).queuePosition).toBe(1);
    expect((await getMigrationDto(third.id)).queuePosition).toBe(2);
    await h.runUntil(h.finished(first.id));
    await h.runUntil(
      h.sawEvent(second.id, (e) => e.type === "status" && e.data.status === "running"),
      1000,
    );
    expect((await getMigrationDto(third.id)).status).toBe("queued");
    await h.runUntil(h.finished(third.id));
    expect((await getMigrationDto(second.id)).status).toBe("succeeded");
  });

  it("over the limit, a cluster move from PowerShell (Move-ClusterVirtualMachineRole) queues", async () => {
    await oneMoveAtATimeInCluster1();
    const h = harness();
    await h.service.start(live(FS01));
    const ps = await h.service.start(live(WEB01, { startedFrom: "powershell" }));
    expect(ps.status).toBe("queued");
    expect((await getMigrationDto(ps.id)).queuePosition).toBe(1);
    expect(await db.eventLogEntry.count({ where: { eventId: 21501 } })).toBe(0);
  });

  it("over the host's limit, Move-VM of a standalone VM from PowerShell fails with event 21501's text", async () => {
    // HV3 authenticates with Kerberos, delegated to HV1, so PowerShell may start APP01's move;
    // HV1 takes one live migration at a time, and FS01's cluster move holds it.
    await db.migrationSettings.update({ where: { hostId: HV3 }, data: { authentication: "Kerberos" } });
    await db.delegation.createMany({
      data: [MIGRATION_SERVICE, CIFS_SERVICE].map((service) => ({ fromHostId: HV3, service, toHostId: HV1 })),
    });
    // "Use any authentication protocol": a move started away from HV3 may use the delegation.
    const account = { delegation: "specified", anyProtocol: true };
    await db.computerAccount.upsert({
      where: { hostId: HV3 },
      create: { hostId: HV3, ...account },
      update: account,
    });
    await db.migrationSettings.update({ where: { hostId: HV1 }, data: { maxLiveMigrations: 1 } });
    const h = harness();
    expect((await h.service.start(live(FS01))).status).toBe("running");
    const ps = await h.service.start({
      vmId: APP01,
      kind: "shared-nothing",
      destinationHostId: HV1,
      startedFrom: "powershell",
    });
    expect(ps.status).toBe("failed");
    const dto = await getMigrationDto(ps.id);
    expect(dto.failure?.message).toBe(
      'Failed to perform migration on virtual machine "APP01" because virtual machine migration limit "1" was reached, please wait for completion of an ongoing migration operation.',
    );
    const entry = await db.eventLogEntry.findFirst({ where: { eventId: 21501 } });
    expect(entry).toMatchObject({ message: dto.failure?.message, channel: CHANNEL.highAvailability });
  });

  it("cancelling a queued move removes it from the queue", async () => {
    await oneMoveAtATimeInCluster1();
    const h = harness();
    await h.service.start(live(FS01));
    const queued = await h.service.start(live(WEB01));
    const dto = await h.service.cancel(queued.id);
    expect(dto.status).toBe("cancelled");
    await expect(h.service.cancel(queued.id)).rejects.toMatchObject({ status: 409 });
  });
});

describe("restart", () => {
  it("a move cut before switchover is failed and rolled back; after switchover it is completed", async () => {
    const a = harness();
    const early = await a.service.start(live(SQL01));
    const late = await a.service.start(live(FS01));
    await a.runUntil(
      a.sawEvent(late.id, (e) => e.type === "switchover"),
      600_000,
      10,
    );
    expect(a.published.some((e) => e.migrationId === early.id && e.type === "switchover")).toBe(false);
    a.service.runner.stop(); // the process dies here

    const b = harness();
    expect(await b.service.recover()).toBe(2);
    const [e, l] = [await getMigrationDto(early.id), await getMigrationDto(late.id)];
    expect(e).toMatchObject({ status: "failed", failure: { code: "service-restarted" } });
    expect(l).toMatchObject({ status: "succeeded" });
    expect(await hostOf(SQL01)).toBe(HV1);
    expect(await hostOf(FS01)).toBe(HV2);
    expect((await eventsAfter(early.id, 0)).map((x) => x.type)).toContain("rollback");
    expect(await b.service.recover()).toBe(0);
  });
});

describe("when the estate changes under a move", () => {
  it("a queued move whose destination was paused meanwhile fails with 21502 when its turn comes", async () => {
    await oneMoveAtATimeInCluster1();
    const h = harness();
    const first = await h.service.start(live(FS01));
    const waiting = await h.service.start(live(WEB01));
    expect(waiting.status).toBe("queued");
    await db.host.update({ where: { id: HV2 }, data: { state: "Paused" } });
    await h.runUntil(h.finished(waiting.id));
    const dto = await getMigrationDto(waiting.id);
    expect(dto).toMatchObject({ status: "failed", failure: { code: "preflight" } });
    expect(dto.failure?.message).toMatch(/^Live migration of 'WEB01' failed\. /);
    expect(await hostOf(WEB01)).toBe(HV1);
    expect((await getMigrationDto(first.id)).status).toBe("succeeded");
    const entry = await db.eventLogEntry.findFirst({ where: { vmId: WEB01, eventId: 21502 } });
    expect(entry?.message).toBe(dto.failure?.message);
  });

  it("a storage move into a CSV folder keeps the disks on that CSV, so the VM can still live-migrate", async () => {
    const h = harness();
    const web02 = idOf("vms", "WEB02");
    const { id } = await h.service.start({
      vmId: web02,
      kind: "storage",
      destinationHostId: HV2,
      startedFrom: "admin-center",
      storagePath: "C:\\ClusterStorage\\Volume1\\WEB02-new",
    });
    const hostBefore = await hostOf(web02);
    await h.runUntil(h.finished(id), 3_600_000, 1000);
    const dto = await getMigrationDto(id);
    expect(dto.status).toBe("succeeded");
    // Never paused, no memory pass: setup, the disk copy, then the switch to the new files.
    const stored = await eventsAfter(id, 0);
    expect(stored.filter((e) => e.type === "blackout" || e.type === "pass")).toEqual([]);
    expect(
      stored.flatMap((e) => (e.type === "stage" && e.data.phase === "started" ? [e.data.stage] : [])),
    ).toEqual(["setup", "storage-copy", "cleanup"]);
    expect(dto.summary).toMatchObject({ downtimeMs: 0, passes: 0, reason: { kind: "storage" } });
    expect(await hostOf(web02)).toBe(hostBefore);
    const disks = await db.vmDisk.findMany({ where: { vmId: web02 } });
    expect(disks.every((d) => d.location === "CSV" && d.csvId !== null)).toBe(true);
    expect(disks.every((d) => d.path.startsWith("C:\\ClusterStorage\\Volume1\\WEB02-new\\"))).toBe(true);
    const again = await h.service.start(live(web02, { destinationHostId: HV1 }));
    expect(again.status).toBe("running");
  });

  it("a move whose row vanishes mid-run is dropped; the others in its lane go on", async () => {
    const h = harness();
    const a = await h.service.start(live(SQL01));
    await h.runUntil(
      h.sawEvent(a.id, (e) => e.type === "pass"),
      600_000,
      5,
    );
    await db.migration.delete({ where: { id: a.id } });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await h.runUntil(() => !h.service.runner.isRunning(a.id), 60_000, 20);
      const b = await h.service.start(live(WEB01));
      await h.runUntil(h.finished(b.id));
      expect((await getMigrationDto(b.id)).status).toBe("succeeded");
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([]);
    expect(await hostOf(SQL01)).toBe(HV1);
  });

  it("cancelling a move the database says is running but no runner drives resolves it", async () => {
    const a = harness();
    const { id } = await a.service.start(live(SQL01));
    a.service.runner.stop();
    const b = harness(); // another process that has not run recover()
    const dto = await b.service.cancel(id);
    expect(dto.status).toBe("cancelled");
    expect(await hostOf(SQL01)).toBe(HV1);
  });
});

describe("quick migration", () => {
  const quick = (vmId: number): StartMigrationInput => ({ ...live(vmId), kind: "quick" });
  const stateOf = async (vmId: number) => (await db.vm.findUniqueOrThrow({ where: { id: vmId } })).state;

  it("saves the VM for the move and restores it on the destination", async () => {
    const h = harness();
    const { id } = await h.service.start(quick(WEB01));
    await h.runUntil(
      h.sawEvent(id, (e) => e.type === "blackout" && e.data.phase === "started"),
      600_000,
      5,
    );
    expect(await stateOf(WEB01)).toBe("Saved");
    await h.runUntil(h.finished(id));
    expect((await getMigrationDto(id)).status).toBe("succeeded");
    expect(await stateOf(WEB01)).toBe("Running");
    expect(await hostOf(WEB01)).toBe(HV2);
  });

  it("a cancel while it is saved restores it on the source, as it was", async () => {
    const h = harness();
    await db.vm.update({ where: { id: WEB01 }, data: { state: "Paused" } });
    const { id } = await h.service.start(quick(WEB01));
    await h.runUntil(
      h.sawEvent(id, (e) => e.type === "blackout" && e.data.phase === "started"),
      600_000,
      5,
    );
    expect(await stateOf(WEB01)).toBe("Saved");
    expect((await h.service.cancel(id)).status).toBe("cancelled");
    expect(await stateOf(WEB01)).toBe("Paused");
    expect(await hostOf(WEB01)).toBe(HV1);
  });
});
