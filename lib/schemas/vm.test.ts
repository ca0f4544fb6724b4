import { describe, expect, it } from "vitest";
import { EventListQuery } from "./event-log";
import { CreateVmInput, UpdateVmInput, VmActionInput, VmListQuery } from "./vm";

const paths = (r: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("VmActionInput", () => {
  it.each(["start", "shutdown", "turnoff", "pause", "resume", "save"])("accepts %s", (action) => {
    expect(VmActionInput.parse({ action })).toEqual({ action });
  });
  it.each([{ action: "reboot" }, { action: "Start" }, {}, { action: "start", force: true }])(
    "rejects %j",
    (v) => {
      expect(VmActionInput.safeParse(v).success).toBe(false);
    },
  );
});

describe("CreateVmInput", () => {
  it("fills Hyper-V's New-VM defaults", () => {
    expect(CreateVmInput.parse({ name: "NEW01", hostId: 2 })).toEqual({
      name: "NEW01",
      hostId: 2,
      generation: 2,
      memoryMiB: 4096,
      dynamicMemory: null,
      vcpus: 2,
      switchName: null,
      diskSizeGiB: 127,
      workload: "idle",
      highlyAvailable: false,
    });
  });
  it.each([
    [{ generation: 3 }, "generation"],
    [{ memoryMiB: 30 }, "memoryMiB"],
    [{ memoryMiB: 4097 }, "memoryMiB"],
    [{ memoryMiB: 12 * 1024 * 1024 + 2 }, "memoryMiB"],
    [{ vcpus: 0 }, "vcpus"],
    [{ vcpus: 241 }, "vcpus"],
    [{ diskSizeGiB: 0 }, "diskSizeGiB"],
    [{ diskSizeGiB: 65537 }, "diskSizeGiB"],
    [{ workload: "mining" }, "workload"],
    [{ switchName: "" }, "switchName"],
    [{ switchName: "s".repeat(101) }, "switchName"],
    [{ hostId: 0 }, "hostId"],
    [{ hostId: "2" }, "hostId"],
    [{ name: "bad/name" }, "name"],
    [{ owner: "me" }, ""],
    [{ folder: "ClusterStorage" }, "folder"],
    [{ folder: "C:\\VMs\\a|b" }, "folder"],
    [{ dynamicMemory: { minimumMiB: 8192, maximumMiB: 16384 } }, "dynamicMemory.minimumMiB"],
    [{ dynamicMemory: { minimumMiB: 512, maximumMiB: 2048 } }, "dynamicMemory.maximumMiB"],
    [{ highlyAvailable: "yes" }, "highlyAvailable"],
  ])("rejects %j at %j", (over, path) => {
    expect(paths(CreateVmInput.safeParse({ name: "NEW01", hostId: 2, ...over }))).toEqual([path]);
  });
  it("keeps a folder without its trailing backslash, and a Dynamic Memory range around the startup", () => {
    const vm = CreateVmInput.parse({
      name: "NEW01",
      hostId: 2,
      folder: "C:\\ClusterStorage\\Volume1\\",
      dynamicMemory: { minimumMiB: 512, maximumMiB: 8192 },
    });
    expect(vm.folder).toBe("C:\\ClusterStorage\\Volume1");
    expect(vm.dynamicMemory).toEqual({ minimumMiB: 512, maximumMiB: 8192 });
  });
  it("says memory must be a multiple of 2 MB", () => {
    expect(CreateVmInput.safeParse({ name: "A", hostId: 1, memoryMiB: 4097 }).error?.issues[0]?.message).toBe(
      "Memory must be a multiple of 2 MB.",
    );
  });
});

describe("UpdateVmInput", () => {
  it("needs at least one field", () => {
    expect(UpdateVmInput.safeParse({}).success).toBe(false);
  });
  it("accepts the cluster role priorities only", () => {
    for (const p of [0, 1000, 2000, 3000])
      expect(UpdateVmInput.safeParse({ clusterPriority: p }).success).toBe(true);
    for (const p of [1, 1500, 4000])
      expect(UpdateVmInput.safeParse({ clusterPriority: p }).success).toBe(false);
  });
  it("limits notes to 2000 characters", () => {
    expect(UpdateVmInput.safeParse({ notes: "n".repeat(2000) }).success).toBe(true);
    expect(UpdateVmInput.safeParse({ notes: "n".repeat(2001) }).success).toBe(false);
  });
  it("checks adapters strictly, a null switch meaning Not connected", () => {
    expect(UpdateVmInput.parse({ adapters: [{ id: 1, switchName: null }] })).toEqual({
      adapters: [{ id: 1, switchName: null }],
    });
    expect(paths(UpdateVmInput.safeParse({ adapters: [{ id: 1 }] }))).toEqual(["adapters.0.switchName"]);
    expect(paths(UpdateVmInput.safeParse({ adapters: [{ id: 1, switchName: "P", vlan: 5 }] }))).toEqual([
      "adapters.0",
    ]);
  });
  it("rejects fields that are not settings (state goes through actions, host through Move)", () => {
    expect(UpdateVmInput.safeParse({ state: "Running" }).success).toBe(false);
    expect(UpdateVmInput.safeParse({ hostId: 3 }).success).toBe(false);
  });
});

describe("VmListQuery", () => {
  it("defaults to name ascending, 100 a page", () => {
    expect(VmListQuery.parse({})).toEqual({ limit: 100, sort: "name", order: "asc" });
  });
  it("coerces ids from the query string", () => {
    expect(
      VmListQuery.parse({ hostId: "2", clusterId: "1", clustered: "true", state: "Running" }),
    ).toMatchObject({
      hostId: 2,
      clusterId: 1,
      clustered: "true",
      state: "Running",
    });
  });
  it.each([
    { sort: "ram" },
    { order: "up" },
    { state: "running" },
    { clustered: "yes" },
    { hostId: "abc" },
    { limit: "abc" },
    { limit: "5000" },
    { page: "2" },
  ])("rejects %j", (q) => {
    expect(VmListQuery.safeParse(q).success).toBe(false);
  });
});

describe("EventListQuery", () => {
  it("accepts the three levels", () => {
    for (const level of ["Information", "Warning", "Error"]) {
      expect(EventListQuery.safeParse({ level }).success).toBe(true);
    }
    expect(EventListQuery.safeParse({ level: "Critical" }).success).toBe(false);
  });
});
