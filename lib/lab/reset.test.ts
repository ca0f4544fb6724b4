import { beforeEach, describe, expect, it } from "vitest";
import { suiteSession } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { readyMigrations } from "@/lib/migrations";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { writeEstate } from "@/prisma/write-estate";
import { resetLab } from "./reset";
import { SCENARIOS } from "./scenarios";

beforeEach(seedDemo);

describe("the scenarios", () => {
  it("each writes a valid estate", async () => {
    for (const scenario of SCENARIOS) {
      await writeEstate(db, scenario.build());
      const vms = await db.vm.count();
      const expected = { empty: 0, "bare-domain": 0, "host-settings": 15 }[scenario.name] ?? 13;
      expect(vms, scenario.name).toBe(expected);
    }
  });
  it("vary the demo estate where their lesson needs it", () => {
    const get = (name: string) => SCENARIOS.find((s) => s.name === name)?.build();
    const slow = get("non-convergence");
    const hv1 = slow?.hosts.find((h) => h.name === "HV1")?.id;
    expect(slow?.adapters.find((a) => a.hostId === hv1 && a.purpose === "LiveMigration")).toMatchObject({
      speedMbps: 1000,
      rdma: false,
    });
    expect(get("auth-failures")?.delegations).toEqual([]);
    expect(get("limits")?.clusters.map((c) => c.maxParallelMigrations)).toEqual([1]);
    expect(get("empty")).toMatchObject({ hosts: [], vms: [], clusters: [] });
    const lessons = get("host-settings");
    const hosts = new Map(lessons?.hosts.map((h) => [h.id, h.name]));
    expect(lessons?.hosts.find((h) => h.name === "HV5")).toMatchObject({
      cpuVendor: "AMD",
      cpuFeatureLevel: "Zen 3",
    });
    expect(
      lessons?.vms.filter((v) => ["LAB-AMD02", "UTIL01"].includes(v.name)).map((v) => hosts.get(v.hostId)),
    ).toEqual(["HV5", "HV1"]);
    expect(
      lessons?.delegations.filter(
        (d) => hosts.get(d.fromHostId) === "HV1" && hosts.get(d.toHostId) === "HV3",
      ),
    ).toHaveLength(2);
    const bare = get("bare-domain");
    expect(bare?.hosts.map((h) => [h.name, h.clusterId])).toEqual([
      ["DC1", null],
      ["HV1", null],
      ["HV2", null],
      ["SRV3", null],
    ]);
    expect(bare?.dataDisks.map((d) => d.driveLetter)).toEqual(["E", "F", "G", "H"]);
    expect(bare).toMatchObject({
      clusters: [],
      vms: [],
      iscsiTargets: [],
      iscsiVirtualDisks: [],
      volumes: [],
    });
  });
});

describe("resetLab", () => {
  it("ends a running move without leaving its VM on two hosts, and keeps users and the audit log", async () => {
    const { service } = await readyMigrations();
    await suiteSession("keeper", "Operator", "127.0.0.1");
    await db.auditEntry.create({
      data: {
        user: "x",
        role: "none",
        action: "a",
        method: "POST",
        path: "/",
        address: "-",
        status: 200,
        outcome: "succeeded",
      },
    });
    const { id } = await service.start({
      vmId: idOf("vms", "FS01"),
      kind: "live",
      destinationHostId: idOf("hosts", "HV2"),
      startedFrom: "admin-center",
      speed: 0.01,
    });
    expect((await db.migration.findUniqueOrThrow({ where: { id } })).status).toBe("running");
    const result = await resetLab("demo");
    expect(result).toMatchObject({ scenario: "demo", endedMoves: 1, startedMoves: [] });
    expect(await db.migration.count()).toBe(0);
    const fs01 = await db.vm.findMany({ where: { name: "FS01" }, select: { hostId: true } });
    expect(fs01).toEqual([{ hostId: idOf("hosts", "HV1") }]);
    expect(await db.user.count({ where: { name: "keeper" } })).toBe(1);
    expect(await db.session.count()).toBeGreaterThan(0);
    expect(await db.auditEntry.count()).toBeGreaterThan(0);
    // The runner is idle: nothing it had in flight reaches the new estate.
    expect(service.runner.isRunning(id)).toBe(false);
  });

  it("starts the scenario's own moves: at CLUSTER1's limit of 1, one runs and one waits", async () => {
    const result = await resetLab("limits");
    expect(result.startedMoves).toHaveLength(2);
    const rows = await db.migration.findMany({
      orderBy: { id: "asc" },
      select: { vmName: true, status: true },
    });
    expect(rows).toEqual([
      { vmName: "SQL01", status: "running" },
      { vmName: "WEB01", status: "queued" },
    ]);
    await resetLab("demo");
  });

  it("refuses an unknown scenario with the names it knows, and changes nothing", async () => {
    const before = await db.vm.count();
    await expect(resetLab("mars")).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db.vm.count()).toBe(before);
  });
});
