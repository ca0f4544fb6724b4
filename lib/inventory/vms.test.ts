// Integration: lib/inventory/vms.ts against a real SQLite file (lib/testing/setup-db.ts).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CHANNEL } from "@/lib/hyperv/vocabulary";
import { CreateVmInput, type VmListQuery, VmListQuery as VmListQuerySchema } from "@/lib/schemas/vm";
import { rejection } from "@/lib/testing/rejection";
import { demo, idOf, seedDemo } from "@/lib/testing/seed";
import { applyVmAction, createVm, deleteVm, getVm, listVms, updateVm, vmSummary } from "./vms";

const query = (q: Record<string, string> = {}): VmListQuery => VmListQuerySchema.parse(q);
const names = (page: { items: { name: string }[] }) => page.items.map((v) => v.name);
const ALL_NAMES = demo.vms.map((v) => v.name).sort();

/** Everything a refused action or setting must leave alone. */
async function snapshot(vmId: number) {
  return {
    vm: await db.vm.findUniqueOrThrow({ where: { id: vmId }, include: { adapters: true, disks: true } }),
    events: await db.eventLogEntry.count(),
  };
}

describe("listVms (read only)", () => {
  beforeAll(seedDemo);

  it("searches names literally and without case: _ and % are not wildcards", async () => {
    expect(names(await listVms(query({ q: "web" })))).toEqual(["WEB01", "WEB02"]);
    expect((await listVms(query({ q: "_" }))).total).toBe(0);
    expect((await listVms(query({ q: "%" }))).total).toBe(0);
    expect(names(await listVms(query({ q: "-" })))).toEqual(["LAB-AMD01", "LEGACY-APP", "TEMPLATE-2022"]);
  });

  it("lists every VM by name with the total", async () => {
    const page = await listVms(query());
    expect(page.total).toBe(demo.vms.length);
    expect(names(page)).toEqual(ALL_NAMES);
    expect(page.nextCursor).toBeNull();
  });

  it("pages with nextCursor until the end, each VM once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    const cursors: (string | null)[] = [];
    do {
      const page = await listVms(query({ limit: "5", ...(cursor ? { cursor } : {}) }));
      expect(page.items.length).toBeLessThanOrEqual(5);
      expect(page.total).toBe(13);
      seen.push(...names(page));
      cursors.push(page.nextCursor);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(cursors).toEqual(["5", "10", null]);
    expect(seen).toEqual(ALL_NAMES);
  });

  it("a page that ends exactly at the total has no next cursor", async () => {
    expect((await listVms(query({ limit: "13" }))).nextCursor).toBeNull();
    expect((await listVms(query({ limit: "12" }))).nextCursor).toBe("12");
  });

  it("a cursor past the end gives an empty page", async () => {
    expect(await listVms(query({ cursor: "100" }))).toEqual({ items: [], nextCursor: null, total: 13 });
  });

  it("filters by state, host, cluster, clustered and name (case-insensitive)", async () => {
    const running = demo.vms.filter((v) => v.state === "Running").map((v) => v.name);
    expect(names(await listVms(query({ state: "Running" })))).toEqual(running.sort());
    expect(names(await listVms(query({ hostId: String(idOf("hosts", "HV3")) })))).toEqual([
      "APP01",
      "DEV01",
      "TEST01",
    ]);
    const clustered = await listVms(query({ clusterId: String(idOf("clusters", "CLUSTER1")) }));
    expect(clustered.total).toBe(9);
    expect(names(await listVms(query({ clustered: "false" })))).toEqual([
      "APP01",
      "DEV01",
      "LAB-AMD01",
      "TEST01",
    ]);
    expect(names(await listVms(query({ q: "sql" })))).toEqual(["SQL01", "SQL02"]);
    const both = await listVms(query({ q: "0", state: "Off", hostId: String(idOf("hosts", "HV3")) }));
    expect(names(both)).toEqual(["TEST01"]);
  });

  it("filters combine with paging in the total", async () => {
    const page = await listVms(query({ state: "Running", limit: "2" }));
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(9);
    expect(page.nextCursor).toBe("2");
  });

  it("sorts by memory, CPU and host, ties by name", async () => {
    const byMemory = names(await listVms(query({ sort: "memory", order: "desc", limit: "3" })));
    expect(byMemory).toEqual(["ANALYTICS01", "SQL01", "BUILD01"]);
    expect(names(await listVms(query({ sort: "cpu", order: "desc", limit: "1" })))).toEqual(["ANALYTICS01"]);
    const byHost = (await listVms(query({ sort: "host" }))).items.map((v) => v.host.name);
    expect(byHost).toEqual([...byHost].sort());
    const hv1 = (await listVms(query({ sort: "host", limit: "5" }))).items;
    expect(hv1.map((v) => v.name)).toEqual(["ANALYTICS01", "FS01", "LEGACY-APP", "SQL01", "WEB01"]);
    const ascending = (await listVms(query({ sort: "memory" }))).items.map((v) => v.memoryMiB);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  });

  it("sorts by uptime, longest last in ascending order, VMs without uptime always last", async () => {
    const asc = (await listVms(query({ sort: "uptime" }))).items;
    const desc = (await listVms(query({ sort: "uptime", order: "desc" }))).items;
    expect(asc[0]?.name).toBe("DEV01"); // 26 hours
    expect(desc[0]?.name).toBe("FS01"); // 12 days, tied with LEGACY-APP and SQL01: by name
    for (const list of [asc, desc]) {
      const firstNull = list.findIndex((v) => v.uptimeStart === null);
      expect(firstNull).toBe(list.length - 3);
      expect(list.slice(firstNull).map((v) => v.name)).toEqual(["BUILD01", "TEMPLATE-2022", "TEST01"]);
    }
  });

  it("returns list items with ISO dates and the host", async () => {
    const [item] = (await listVms(query({ q: "APP01" }))).items;
    expect(item).toMatchObject({
      name: "APP01",
      state: "Running",
      dynamicMemory: true,
      highlyAvailable: false,
      host: { name: "HV3", clusterId: null },
    });
    expect(item?.uptimeStart).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("summarises counts and guest memory for Hyper-V hosts, a host or a cluster", async () => {
    const all = await vmSummary({});
    expect(all.counts).toEqual({ Running: 9, Off: 2, Paused: 1, Saved: 1 });
    expect(all.hosts).toBe(4); // DC1 and SRV3 are not Hyper-V hosts
    const heldGiB = demo.vms
      .filter((v) => v.state === "Running" || v.state === "Paused")
      .reduce((s, v) => s + v.memoryMiB, 0);
    expect(all.memory.guestMiB).toBe(heldGiB);
    const hv2 = await vmSummary({ hostId: idOf("hosts", "HV2") });
    expect(hv2.counts).toEqual({ Running: 2, Off: 1, Paused: 0, Saved: 1 });
    expect((await rejection(vmSummary({ hostId: 999_999 }))).status).toBe(404);
    expect((await rejection(vmSummary({ clusterId: 999_999 }))).status).toBe(404);
    expect(hv2.memory).toEqual({ totalMiB: 262144, hostReservedMiB: 8192, guestMiB: 24 * 1024 });
    const cluster = await vmSummary({ clusterId: idOf("clusters", "CLUSTER1") });
    expect(cluster.hosts).toBe(2);
    expect(cluster.cpu.logicalProcessors).toBe(128);
  });

  it("getVm returns the details, the host's switches and the allowed actions", async () => {
    const vm = await getVm(idOf("vms", "DEV01"));
    expect(vm).toMatchObject({ name: "DEV01", state: "Paused", processorCompatibility: true });
    expect(vm.allowedActions).toEqual(["turnoff", "resume", "save"]);
    expect(vm.hostSwitches).toEqual(["Production"]);
    expect(vm.disks[0]).toMatchObject({ location: "Local", csv: null });
    const sql = await getVm(idOf("vms", "SQL01"));
    expect(sql.disks[0]?.csv?.path).toBe("C:\\ClusterStorage\\Volume1");
    expect(sql.host.cluster?.name).toBe("CLUSTER1");
    expect((await rejection(getVm(999_999))).status).toBe(404);
  });
});

describe("applyVmAction", () => {
  beforeEach(seedDemo);

  it("walks a VM through pause, resume, save, start, shut down and back, with an event each time", async () => {
    const id = idOf("vms", "WEB01");
    const before = await db.eventLogEntry.count({ where: { vmId: id } });
    const worker = CHANNEL.worker;
    const lab = CHANNEL.lab;
    const steps: [Parameters<typeof applyVmAction>[1], string, string, number, string][] = [
      ["pause", "Paused", lab, 0, "'WEB01' was paused."],
      ["resume", "Running", lab, 0, "'WEB01' was resumed."],
      ["save", "Saved", lab, 0, "'WEB01' was saved."],
      ["start", "Running", worker, 18500, "'WEB01' started successfully."],
      ["shutdown", "Off", worker, 18504, "'WEB01' was shut down using the Shutdown Integration Component."],
      ["start", "Running", worker, 18500, "'WEB01' started successfully."],
      ["turnoff", "Off", worker, 18502, "'WEB01' was turned off."],
    ];
    for (const [action, state, channel, eventId, message] of steps) {
      const vm = await applyVmAction(id, action);
      expect(vm.state, action).toBe(state);
      const row = await db.vm.findUniqueOrThrow({ where: { id } });
      expect(row.state).toBe(state);
      const last = await db.eventLogEntry.findFirstOrThrow({ where: { vmId: id }, orderBy: { id: "desc" } });
      expect(last).toMatchObject({ eventId, hostId: idOf("hosts", "HV1"), channel, message });
    }
    expect(await db.eventLogEntry.count({ where: { vmId: id } })).toBe(before + steps.length);
  });

  it("keeps uptime across pause and resume; save and off clear it; start sets it", async () => {
    const id = idOf("vms", "WEB01");
    const start = (await db.vm.findUniqueOrThrow({ where: { id } })).uptimeStart;
    expect(start).not.toBeNull();
    await applyVmAction(id, "pause");
    expect((await getVm(id)).uptimeStart).toBe(start?.toISOString());
    expect((await applyVmAction(id, "resume")).uptimeStart).toBe(start?.toISOString());
    const saved = await applyVmAction(id, "save");
    expect(saved).toMatchObject({
      uptimeStart: null,
      memoryDemandMiB: 0,
      cpuUsagePercent: 0,
      heartbeat: "No contact",
    });
    const started = await applyVmAction(id, "start");
    expect(started.uptimeStart).not.toBeNull();
    expect(started.heartbeat).toBe("OK");
    expect(started.memoryDemandMiB).toBeGreaterThan(0);
  });

  it("a refused action changes nothing and writes no event", async () => {
    for (const [name, action] of [
      ["TEST01", "pause"],
      ["TEST01", "shutdown"],
      ["DEV01", "start"],
      ["BUILD01", "resume"],
      ["SQL01", "start"],
    ] as const) {
      const id = idOf("vms", name);
      const before = await snapshot(id);
      const error = await rejection(applyVmAction(id, action));
      expect(error.status).toBe(409);
      expect(error.code).toBe("precondition_failed");
      expect(error.message).toMatch(
        new RegExp(
          `^'${name}' failed to change state\\. The operation cannot be performed while the object is in its current state\\.`,
        ),
      );
      expect(error.details).toEqual({ state: before.vm.state, action });
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it("refuses to start a VM the host has no memory for, in Hyper-V's words, and changes nothing", async () => {
    const id = idOf("vms", "TEST01");
    // HV3: 128 GiB less 6 reserved less APP01 (8, running) and DEV01 (6, paused) leaves 108 GiB.
    await updateVm(id, { memoryMiB: 109 * 1024 });
    const before = await snapshot(id);
    const error = await rejection(applyVmAction(id, "start"));
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      "'TEST01' could not initialize memory: Ran out of memory (0x8007000E). HV3 does not have 111616 MB of memory available.",
    );
    expect(await snapshot(id)).toEqual(before);
    // Exactly what is left fits.
    await updateVm(id, { memoryMiB: 108 * 1024 });
    expect((await applyVmAction(id, "start")).state).toBe("Running");
  });

  it("a saved VM's memory does not count against the host, a paused VM's does", async () => {
    const test01 = idOf("vms", "TEST01");
    await updateVm(test01, { memoryMiB: 110 * 1024 });
    expect((await rejection(applyVmAction(test01, "start"))).message).toContain("0x8007000E"); // 108 GiB free
    await applyVmAction(idOf("vms", "APP01"), "save"); // frees 8 GiB: 116 free
    expect((await applyVmAction(test01, "start")).state).toBe("Running"); // 6 GiB left
    // Now HV3 is full: resuming needs no new memory, but starting the saved APP01 does.
    expect((await applyVmAction(idOf("vms", "DEV01"), "resume")).state).toBe("Running");
    expect((await rejection(applyVmAction(idOf("vms", "APP01"), "start"))).message).toContain("0x8007000E");
  });

  it("refuses to start a VM whose host is down", async () => {
    await db.host.update({ where: { id: idOf("hosts", "HV3") }, data: { state: "Down" } });
    const id = idOf("vms", "TEST01");
    const before = await snapshot(id);
    const error = await rejection(applyVmAction(id, "start"));
    expect(error.message).toBe("'TEST01' cannot start: its host HV3 is down.");
    expect(await snapshot(id)).toEqual(before);
  });

  it("answers 404 for an unknown VM", async () => {
    expect((await rejection(applyVmAction(999_999, "start"))).status).toBe(404);
  });
});

describe("updateVm", () => {
  beforeEach(seedDemo);

  it("raises the Dynamic Memory maximum when startup memory grows past it", async () => {
    const id = idOf("vms", "TEMPLATE-2022");
    await updateVm(id, { dynamicMemory: true }); // 4 GiB startup: range 512 MB to 8 GiB
    const grown = await updateVm(id, { memoryMiB: 12 * 1024 });
    expect(grown.memoryMaxMiB).toBe(12 * 1024);
    const shrunk = await updateVm(id, { memoryMiB: 2 * 1024 });
    expect(shrunk.memoryMaxMiB).toBe(12 * 1024);
    // The minimum follows the startup down: minimum <= startup <= maximum always holds.
    const tiny = await updateVm(id, { memoryMiB: 256 });
    expect([tiny.memoryMinMiB, tiny.memoryMiB, tiny.memoryMaxMiB]).toEqual([256, 256, 12 * 1024]);
  });

  it("turning Dynamic Memory on for a small VM starts the range at its startup memory", async () => {
    const id = idOf("vms", "TEMPLATE-2022");
    await updateVm(id, { memoryMiB: 256 });
    const vm = await updateVm(id, { dynamicMemory: true });
    expect([vm.memoryMinMiB, vm.memoryMiB, vm.memoryMaxMiB]).toEqual([256, 256, 512]);
  });

  it("changes settings of an Off VM and turns Dynamic Memory on with Hyper-V's range", async () => {
    const id = idOf("vms", "TEMPLATE-2022");
    const vm = await updateVm(id, {
      vcpus: 8,
      memoryMiB: 8192,
      dynamicMemory: true,
      processorCompatibility: true,
    });
    expect(vm).toMatchObject({
      vcpus: 8,
      memoryMiB: 8192,
      dynamicMemory: true,
      memoryMinMiB: 512,
      memoryMaxMiB: 16384,
      processorCompatibility: true,
    });
    const off = await updateVm(id, { dynamicMemory: false });
    expect(off).toMatchObject({ dynamicMemory: false, memoryMinMiB: null, memoryMaxMiB: null });
  });

  it("refuses vCPU and compatibility changes while running, with paths, and changes nothing", async () => {
    const id = idOf("vms", "SQL01");
    const before = await snapshot(id);
    const error = await rejection(updateVm(id, { vcpus: 16, processorCompatibility: true, notes: "x" }));
    expect(error.status).toBe(422);
    expect((error.details as { path: string }[]).map((d) => d.path)).toEqual([
      "vcpus",
      "processorCompatibility",
    ]);
    expect(await snapshot(id)).toEqual(before);
  });

  it("grows a running static-memory VM within what its host has left", async () => {
    const id = idOf("vms", "SQL02"); // HV2: 248 GiB for guests, WEB02 8 + SQL02 16 running
    expect((await updateVm(id, { memoryMiB: 240 * 1024 })).memoryMiB).toBe(240 * 1024);
    const error = await rejection(updateVm(id, { memoryMiB: 241 * 1024 }));
    expect(error.details).toEqual([
      {
        path: "memoryMiB",
        message: `The host has only ${240 * 1024 - 240 * 1024} MB available to add to a running VM.`,
      },
    ]);
  });

  it("checks the adapters' switches against the VM's host", async () => {
    const vm = await getVm(idOf("vms", "WEB02"));
    const adapterId = vm.adapters[0]?.id as number;
    const error = await rejection(updateVm(vm.id, { adapters: [{ id: adapterId, switchName: "Legacy" }] }));
    expect(error.details).toEqual([
      { path: "adapters.0.switchName", message: "Could not find Ethernet switch 'Legacy'." },
    ]);
    const other = (await getVm(idOf("vms", "WEB01"))).adapters[0]?.id as number;
    expect((await rejection(updateVm(vm.id, { adapters: [{ id: other, switchName: null }] }))).status).toBe(
      422,
    );
    const unplugged = await updateVm(vm.id, { adapters: [{ id: adapterId, switchName: null }] });
    expect(unplugged.adapters[0]?.switchName).toBeNull();
  });

  it("renames, refusing a name another VM has (409)", async () => {
    const id = idOf("vms", "TEST01");
    expect((await updateVm(id, { name: "TEST02" })).name).toBe("TEST02");
    const error = await rejection(updateVm(id, { name: "SQL01" }));
    expect(error.status).toBe(409);
    expect((await db.vm.findUniqueOrThrow({ where: { id } })).name).toBe("TEST02");
  });

  it("copies the workload profile and refuses a priority on a VM that is not clustered", async () => {
    const id = idOf("vms", "APP01");
    const vm = await updateVm(id, { workload: "analytics" });
    expect(vm).toMatchObject({ workload: "analytics", hotSetMiB: 40 * 1024, writesPerSecond: 700_000 });
    expect((await rejection(updateVm(id, { clusterPriority: 3000 }))).status).toBe(422);
    expect((await updateVm(idOf("vms", "SQL01"), { clusterPriority: 1000 })).clusterPriority).toBe(1000);
  });

  it("answers 404 for an unknown VM", async () => {
    expect((await rejection(updateVm(999_999, { notes: "x" }))).status).toBe(404);
  });
});

describe("createVm and deleteVm", () => {
  beforeEach(seedDemo);

  it("refuses a name that differs from an existing VM's only in case", async () => {
    const error = await rejection(
      createVm(CreateVmInput.parse({ name: "fs01", hostId: idOf("hosts", "HV3") })),
    );
    expect(error.status).toBe(409);
    expect(error.message).toContain("'fs01' already exists");
    const renamed = await rejection(updateVm(idOf("vms", "TEST01"), { name: "web01" }));
    expect(renamed.status).toBe(409);
    // Renaming a VM to a new case of its own name is fine.
    expect((await updateVm(idOf("vms", "TEST01"), { name: "Test01" })).name).toBe("Test01");
  });

  it("creates an Off VM on a Hyper-V host, on its switch, with a Hyper-V MAC", async () => {
    const { vm, powershell } = await createVm(
      CreateVmInput.parse({
        name: "NEW01",
        hostId: idOf("hosts", "HV3"),
        memoryMiB: 4096,
        vcpus: 2,
        switchName: "Production",
        diskSizeGiB: 127,
        workload: "web",
      }),
    );
    expect(powershell).toMatch(
      /^New-VM -Name NEW01 -Generation 2 -MemoryStartupBytes 4GB -Path 'D:\\Hyper-V'/,
    );
    expect(vm.disks[0]?.path).toBe("D:\\Hyper-V\\NEW01\\Virtual Hard Disks\\NEW01.vhdx");
    const created = await db.eventLogEntry.findFirst({ where: { vmId: vm.id } });
    expect(created).toMatchObject({ channel: "Microsoft-Windows-Hyper-V-VMMS-Admin", eventId: 13002 });
    expect(vm).toMatchObject({ name: "NEW01", state: "Off", allowedActions: ["start"], workload: "web" });
    expect(vm.adapters[0]?.switchName).toBe("Production");
    expect(vm.adapters[0]?.macAddress).toMatch(/^00-15-5D-[0-9A-F]{2}-[0-9A-F]{2}-[0-9A-F]{2}$/);
    expect(vm.disks[0]).toMatchObject({ location: "Local", sizeGiB: 127, controller: "SCSI 0:0" });
  });

  it("refuses a duplicate name (409), a host without Hyper-V, an unknown host or switch (422)", async () => {
    const base = CreateVmInput.parse({ name: "NEW01", hostId: idOf("hosts", "HV3") });
    const count = await db.vm.count();
    expect((await rejection(createVm({ ...base, name: "SQL01" }))).status).toBe(409);
    const dc = await rejection(createVm({ ...base, hostId: idOf("hosts", "DC1") }));
    expect(dc.status).toBe(422);
    expect(dc.details).toEqual([{ path: "hostId", message: "That server does not have the Hyper-V role." }]);
    expect((await rejection(createVm({ ...base, hostId: 999_999 }))).details).toEqual([
      { path: "hostId", message: "No such host." },
    ]);
    expect(
      (await rejection(createVm({ ...base, hostId: idOf("hosts", "HV2"), switchName: "Legacy" }))).details,
    ).toEqual([{ path: "switchName", message: "Could not find Ethernet switch 'Legacy'." }]);
    expect(await db.vm.count()).toBe(count);
  });

  it("deletes only a VM that is off, with its adapters and disks", async () => {
    const running = idOf("vms", "SQL01");
    const error = await rejection(deleteVm(running));
    expect(error.status).toBe(409);
    expect(error.message).toContain("'SQL01' is Running.");
    expect(await db.vm.findUnique({ where: { id: running } })).not.toBeNull();
    const off = idOf("vms", "TEST01");
    await deleteVm(off);
    expect(await db.vm.findUnique({ where: { id: off } })).toBeNull();
    expect(await db.vmDisk.count({ where: { vmId: off } })).toBe(0);
    expect((await rejection(deleteVm(off))).status).toBe(404);
  });

  it("deletes a saved VM too (its saved state goes with it), never a paused one", async () => {
    const saved = idOf("vms", "BUILD01");
    await deleteVm(saved);
    expect(await db.vm.findUnique({ where: { id: saved } })).toBeNull();
    const paused = idOf("vms", "DEV01");
    expect((await rejection(deleteVm(paused))).message).toBe(
      "'DEV01' is Paused. Turn it off before you delete it.",
    );
  });
});

describe("a VM that is being moved", () => {
  beforeEach(seedDemo);

  it("refuses power actions, settings and deletion with 409 while its move is queued or running", async () => {
    const vmId = idOf("vms", "WEB01");
    const migration = await db.migration.create({
      data: {
        vmId,
        vmName: "WEB01",
        kind: "live",
        sourceHostId: idOf("hosts", "HV1"),
        destinationHostId: idOf("hosts", "HV2"),
        startedFrom: "admin-center",
        status: "running",
        speed: 1,
        seed: 1,
        switchMap: {},
        input: {},
        prediction: {},
      },
    });
    const before = await snapshot(vmId);
    const refusal = `'WEB01' is being moved (migration ${migration.id}). Wait for the move to finish, or cancel it first.`;
    expect(await rejection(applyVmAction(vmId, "turnoff"))).toMatchObject({ status: 409, message: refusal });
    expect(await rejection(updateVm(vmId, { notes: "x" }))).toMatchObject({ status: 409, message: refusal });
    expect(await rejection(deleteVm(vmId))).toMatchObject({ status: 409 });
    expect(await snapshot(vmId)).toEqual(before);

    await db.migration.update({ where: { id: migration.id }, data: { status: "succeeded" } });
    await applyVmAction(vmId, "pause");
    expect((await getVm(vmId)).state).toBe("Paused");
  });
});

describe("memory reserved by a move on its way in", () => {
  beforeEach(seedDemo);

  it("counts against a VM started on the destination before the switchover", async () => {
    const template = idOf("vms", "TEMPLATE-2022");
    const hv2 = idOf("hosts", "HV2");
    // Size the Off VM so it fits HV2 now (even amounts of MB, as Hyper-V wants).
    const hostRow = await db.host.findUniqueOrThrow({ where: { id: hv2 }, include: { vms: true } });
    const held = hostRow.vms
      .filter((v) => v.state === "Running" || v.state === "Paused")
      .reduce((sum, v) => sum + v.memoryMiB, 0);
    const fits = hostRow.memoryMiB - hostRow.hostReservedMiB - held - 2048;
    await db.vm.update({ where: { id: template }, data: { memoryMiB: fits } });
    await db.migration.create({
      data: {
        vmId: idOf("vms", "SQL01"),
        vmName: "SQL01",
        kind: "live",
        sourceHostId: idOf("hosts", "HV1"),
        destinationHostId: hv2,
        startedFrom: "admin-center",
        status: "running",
        speed: 1,
        seed: 1,
        switchMap: {},
        input: {},
        prediction: {},
      },
    });
    expect((await rejection(applyVmAction(template, "start"))).message).toContain("0x8007000E");
    await db.migration.updateMany({ data: { switchedOver: true } });
    await applyVmAction(template, "start");
  });
});
