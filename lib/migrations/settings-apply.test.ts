// A saved Settings-tool change applies to moves that start afterwards; a running move keeps the
// policy it started with. The performance option picks the transport, the incoming networks decide
// which moves are refused, the limits decide which moves wait.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { MigrationInput } from "@/lib/engine/types";
import { updateHost } from "@/lib/inventory/hosts";
import { MigrationSettingsInput } from "@/lib/schemas/host";
import type { MigrationStreamEvent, StartMigrationInput } from "@/lib/schemas/migration";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { MigrationBus } from "./bus";
import { FakeClock } from "./clock";
import { planMigration } from "./plan";
import { MigrationService } from "./service";
import { getMigrationDto } from "./store";

const HV1 = idOf("hosts", "HV1");
const HV2 = idOf("hosts", "HV2");
const HV3 = idOf("hosts", "HV3");

function harness() {
  const clock = new FakeClock();
  const bus = new MigrationBus();
  const published: MigrationStreamEvent[] = [];
  bus.subscribeAll((p) => published.push(p.event));
  const service = new MigrationService({ clock, bus, defaultSpeed: 20 });
  const runUntil = async (until: () => boolean, maxMs = 3_600_000, step = 1000) => {
    for (let t = 0; t < maxMs; t += step) {
      if (until()) return;
      clock.advance(step);
      await service.runner.settled();
    }
    throw new Error("condition not reached");
  };
  const finished = (id: number) => () => published.some((e) => e.migrationId === id && e.type === "done");
  return { service, runUntil, finished };
}

const change = (hostId: number, migration: Record<string, unknown>) =>
  updateHost(hostId, { migration: MigrationSettingsInput.parse(migration) });

const storedInput = async (id: number) =>
  (await db.migration.findUniqueOrThrow({ where: { id }, select: { input: true } }))
    .input as unknown as MigrationInput;

const live = (vm: string): StartMigrationInput => ({
  vmId: idOf("vms", vm),
  kind: "live",
  destinationHostId: HV2,
  startedFrom: "admin-center",
});

beforeEach(seedDemo);

describe("settings and the moves", () => {
  it("the performance option is the transport of moves that start after the change; a running move keeps its own", async () => {
    const h = harness();
    const first = await h.service.start(live("FS01"));
    expect((await storedInput(first.id)).transport).toBe("smb");
    await change(HV1, { performanceOption: "TCPIP" });
    const second = await h.service.start(live("WEB01"));
    expect((await storedInput(second.id)).transport).toBe("tcpip");
    // The first move runs on as it started.
    expect((await storedInput(first.id)).transport).toBe("smb");
    await h.runUntil(h.finished(first.id));
    expect((await getMigrationDto(first.id)).status).toBe("succeeded");
  });

  it("a queued move takes the settings in force when its turn comes", async () => {
    const h = harness();
    await db.cluster.update({
      where: { id: idOf("clusters", "CLUSTER1") },
      data: { maxParallelMigrations: 1 },
    });
    const first = await h.service.start(live("FS01"));
    const waiting = await h.service.start(live("WEB01"));
    expect(waiting.status).toBe("queued");
    await change(HV1, { performanceOption: "Compression", maxPasses: 3 });
    await h.runUntil(() => h.finished(first.id)() && h.finished(waiting.id)());
    const input = await storedInput(waiting.id);
    expect(input.transport).toBe("compression");
    expect(input.policy?.maxPasses).toBe(3);
    expect((await getMigrationDto(waiting.id)).status).toBe("succeeded");
  });

  it("the simultaneous storage migrations limit decides which move waits", async () => {
    const h = harness();
    await change(HV3, { maxStorageMigrations: 1 });
    const storage = (vm: string): StartMigrationInput => ({
      vmId: idOf("vms", vm),
      kind: "storage",
      destinationHostId: HV3,
      startedFrom: "admin-center",
      storagePath: `E:\\Hyper-V\\${vm}`,
    });
    const a = await h.service.start(storage("APP01"));
    const b = await h.service.start(storage("TEST01"));
    expect([a.status, b.status]).toEqual(["running", "queued"]);
    await change(HV3, { maxStorageMigrations: 2 });
    const c = await h.service.start(storage("DEV01"));
    // FIFO: a later move never overtakes the waiting one, even with a free slot.
    expect(c.status).toBe("queued");
  });

  it("the incoming networks decide which moves are refused", async () => {
    const compare = () =>
      planMigration(db, {
        vmId: idOf("vms", "APP01"),
        kind: "shared-nothing",
        destinationHostId: HV1,
        startedFrom: "source-session",
        signedInHostId: HV3,
      });
    await change(HV3, {}); // nothing
    await change(HV1, { useAnyNetwork: false, networks: [{ subnet: "10.99.0.0/24", priority: 1 }] });
    const refused = await compare();
    expect(refused.report.incompatibilities.map((i) => i.rule)).toContain("incoming-network");
    await change(HV1, { networks: [{ subnet: "192.168.10.0/24", priority: 1 }] });
    const allowed = await compare();
    expect(allowed.report.incompatibilities.map((i) => i.rule)).not.toContain("incoming-network");
  });
});
