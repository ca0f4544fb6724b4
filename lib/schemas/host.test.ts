import { describe, expect, it } from "vitest";
import { CreateHostInput, HostListQuery, MigrationSettingsInput, UpdateHostInput } from "./host";

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("CreateHostInput", () => {
  it("needs only a name and a management IP, and fills Hyper-V defaults", () => {
    expect(CreateHostInput.parse({ name: "hv5", managementIp: "10.0.0.25" })).toEqual({
      name: "HV5",
      managementIp: "10.0.0.25",
      osVersion: "Windows Server 2022 Datacenter",
      cpuVendor: "Intel",
      cpuModel: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
      cpuFeatureLevel: "Ice Lake",
      logicalProcessors: 32,
      memoryMiB: 131072,
      roles: ["Hyper-V"],
      tags: [],
    });
  });

  it("reports every bad field with its path", () => {
    const r = CreateHostInput.safeParse({
      name: "HV_5",
      fqdn: "hv5",
      managementIp: "10.0.0.256",
      cpuVendor: "ARM",
      memoryMiB: 2048,
      roles: ["Exchange"],
      tags: ["bad tag"],
    });
    expect(paths(r).sort()).toEqual(
      ["name", "fqdn", "managementIp", "cpuVendor", "memoryMiB", "roles.0", "tags.0"].sort(),
    );
  });

  it("rejects unknown fields", () => {
    const r = CreateHostInput.safeParse({ name: "HV5", managementIp: "10.0.0.25", isAdmin: true });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["isAdmin"] });
  });

  it("requires name and managementIp", () => {
    expect(paths(CreateHostInput.safeParse({})).sort()).toEqual(["managementIp", "name"]);
  });

  it("limits memory to 4 GiB..4 TiB and logical processors to 1..2048", () => {
    const base = { name: "HV5", managementIp: "10.0.0.25" };
    expect(CreateHostInput.safeParse({ ...base, memoryMiB: 4096 }).success).toBe(true);
    expect(CreateHostInput.safeParse({ ...base, memoryMiB: 4095 }).error?.issues[0]?.message).toBe(
      "A Hyper-V host needs at least 4 GiB (4096 MiB).",
    );
    expect(CreateHostInput.safeParse({ ...base, memoryMiB: 4 * 1024 * 1024 + 1 }).success).toBe(false);
    expect(CreateHostInput.safeParse({ ...base, logicalProcessors: 0 }).success).toBe(false);
    expect(CreateHostInput.safeParse({ ...base, logicalProcessors: 2049 }).success).toBe(false);
    expect(CreateHostInput.safeParse({ ...base, logicalProcessors: 2.5 }).success).toBe(false);
  });

  it("limits string lengths", () => {
    const base = { name: "HV5", managementIp: "10.0.0.25" };
    expect(CreateHostInput.safeParse({ ...base, cpuModel: "x".repeat(101) }).success).toBe(false);
    expect(CreateHostInput.safeParse({ ...base, cpuFeatureLevel: "x".repeat(41) }).success).toBe(false);
    expect(CreateHostInput.safeParse({ ...base, cpuModel: "   " }).success).toBe(false);
  });

  it("accepts only the known Windows Server editions", () => {
    const base = { name: "HV5", managementIp: "10.0.0.25" };
    expect(CreateHostInput.safeParse({ ...base, osVersion: "Windows Server 2025 Datacenter" }).success).toBe(
      true,
    );
    expect(CreateHostInput.safeParse({ ...base, osVersion: "Windows 11 Pro" }).success).toBe(false);
  });
});

describe("UpdateHostInput", () => {
  it("needs at least one field", () => {
    expect(UpdateHostInput.safeParse({}).error?.issues[0]?.message).toBe(
      "Send at least one field to change.",
    );
  });
  it("accepts a state change and rejects unknown states and fields", () => {
    expect(UpdateHostInput.parse({ state: "Paused" })).toEqual({ state: "Paused" });
    expect(UpdateHostInput.safeParse({ state: "Maintenance" }).success).toBe(false);
    expect(UpdateHostInput.safeParse({ name: "HV9" }).success).toBe(false);
  });
  it("rejects unknown fields inside the migration settings too", () => {
    expect(UpdateHostInput.safeParse({ migration: { enabled: true, port: 6600 } }).success).toBe(false);
  });
});

describe("MigrationSettingsInput", () => {
  it("accepts Hyper-V's settings", () => {
    const v = {
      enabled: true,
      maxLiveMigrations: 2,
      maxStorageMigrations: 2,
      authentication: "Kerberos",
      performanceOption: "SMB",
      useAnyNetwork: false,
      maxPasses: 10,
      networks: [{ subnet: "192.168.10.0/24", priority: 8 }],
    };
    expect(MigrationSettingsInput.parse(v)).toEqual(v);
  });
  it.each([
    [{ authentication: "NTLM" }, "authentication"],
    [{ performanceOption: "RDMA" }, "performanceOption"],
    [{ maxLiveMigrations: 0 }, "maxLiveMigrations"],
    [{ maxStorageMigrations: 65 }, "maxStorageMigrations"],
    [{ maxPasses: 11 }, "maxPasses"],
    [{ networks: [{ subnet: "192.168.10.0", priority: 8 }] }, "networks.0.subnet"],
    [{ networks: [{ subnet: "192.168.10.0/24", priority: 0 }] }, "networks.0.priority"],
    [{ networks: [{ subnet: "192.168.10.0/24", priority: 1, extra: 1 }] }, "networks.0"],
  ])("rejects %j at %s", (value, path) => {
    expect(paths(MigrationSettingsInput.safeParse(value))).toEqual([path]);
  });
  it("stores a subnet by its network address and refuses the same subnet twice, naming the entry", () => {
    const parsed = MigrationSettingsInput.parse({ networks: [{ subnet: "192.168.10.7/24", priority: 8 }] });
    expect(parsed.networks).toEqual([{ subnet: "192.168.10.0/24", priority: 8 }]);
    const twice = MigrationSettingsInput.safeParse({
      networks: [
        { subnet: "10.0.0.0/24", priority: 8 },
        { subnet: "10.0.0.9/24", priority: 4 },
      ],
    });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["networks.1.subnet", "10.0.0.0/24 is already in the list."],
    ]);
  });

  it("allows at most 32 networks", () => {
    const nets = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ subnet: `10.${i}.0.0/16`, priority: 1 }));
    expect(MigrationSettingsInput.safeParse({ networks: nets(32) }).success).toBe(true);
    expect(MigrationSettingsInput.safeParse({ networks: nets(33) }).success).toBe(false);
  });
});

describe("HostListQuery", () => {
  it("coerces clusterId and checks the role", () => {
    expect(HostListQuery.parse({ clusterId: "1", role: "Hyper-V" })).toEqual({
      clusterId: 1,
      role: "Hyper-V",
      limit: 100,
    });
    expect(HostListQuery.safeParse({ role: "Exchange" }).success).toBe(false);
    expect(HostListQuery.safeParse({ clusterId: "x" }).success).toBe(false);
    expect(HostListQuery.safeParse({ sort: "name" }).success).toBe(false);
    expect(HostListQuery.safeParse({ q: "x".repeat(101) }).success).toBe(false);
  });
});
