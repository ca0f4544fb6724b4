import { describe, expect, it } from "vitest";
import { type PowerShellPlan, powershellFor, psArg, psQuote } from "./powershell";

const live: PowerShellPlan = {
  kind: "live",
  vmName: "WEB01",
  sourceHost: "HV1",
  destinationHost: "HV2",
  clusterName: "CLUSTER1",
  startedFrom: "admin-center",
  storagePath: null,
  switchMap: {},
  sourceSwitches: ["Legacy", "Production"],
};
const sharedNothing: PowerShellPlan = {
  ...live,
  kind: "shared-nothing",
  destinationHost: "HV3",
  clusterName: null,
  startedFrom: "source-session",
  storagePath: "D:\\VMs\\WEB01",
};

describe("quoting", () => {
  it("leaves plain words bare and single-quotes the rest, doubling quotes", () => {
    expect(psArg("WEB01")).toBe("WEB01");
    expect(psArg("LEGACY-APP")).toBe("LEGACY-APP");
    expect(psArg("Web Server 1")).toBe("'Web Server 1'");
    expect(psArg("Bob's VM")).toBe("'Bob''s VM'");
    expect(psArg("$env:x")).toBe("'$env:x'");
    expect(psArg("-Force")).toBe("'-Force'");
    expect(psQuote("D:\\VMs\\WEB01")).toBe("'D:\\VMs\\WEB01'");
    // PowerShell also ends a single-quoted string at the typographic quotes.
    expect(psQuote("a\u2019b")).toBe("'a\u2019\u2019b'");
  });
});

describe("cluster kinds: Move-ClusterVirtualMachineRole", () => {
  it("live and quick, with the cluster", () => {
    expect(powershellFor(live)).toBe(
      "Move-ClusterVirtualMachineRole -Name WEB01 -Node HV2 -MigrationType Live -Cluster CLUSTER1",
    );
    expect(powershellFor({ ...live, kind: "quick", vmName: "Web Server 1" })).toBe(
      "Move-ClusterVirtualMachineRole -Name 'Web Server 1' -Node HV2 -MigrationType Quick -Cluster CLUSTER1",
    );
  });

  it("a mapped switch that the source has: reconnect there first", () => {
    expect(powershellFor({ ...live, vmName: "LEGACY-APP", switchMap: { Legacy: "Production" } })).toBe(
      [
        "Get-VMNetworkAdapter -VMName LEGACY-APP -ComputerName HV1 | Where-Object SwitchName -eq 'Legacy' | Connect-VMNetworkAdapter -SwitchName 'Production'",
        "Move-ClusterVirtualMachineRole -Name LEGACY-APP -Node HV2 -MigrationType Live -Cluster CLUSTER1",
      ].join("\n"),
    );
  });

  it("a mapped switch only the destination has: disconnect, move, connect on the destination", () => {
    expect(powershellFor({ ...live, switchMap: { Production: "VM Net", Same: "same" } })).toBe(
      [
        "Get-VMNetworkAdapter -VMName WEB01 -ComputerName HV1 | Where-Object SwitchName -eq 'Production' | Disconnect-VMNetworkAdapter",
        "Move-ClusterVirtualMachineRole -Name WEB01 -Node HV2 -MigrationType Live -Cluster CLUSTER1",
        "Get-VMNetworkAdapter -VMName WEB01 -ComputerName HV2 | Where-Object { -not $_.SwitchName } | Connect-VMNetworkAdapter -SwitchName 'VM Net'",
      ].join("\n"),
    );
  });
});

describe("shared-nothing: Move-VM", () => {
  it("with the storage, and -ComputerName of the source when started from the gateway", () => {
    expect(powershellFor(sharedNothing)).toBe(
      "Move-VM -Name WEB01 -DestinationHost HV3 -IncludeStorage -DestinationStoragePath 'D:\\VMs\\WEB01'",
    );
    expect(powershellFor({ ...sharedNothing, startedFrom: "admin-center" })).toBe(
      "Move-VM -Name WEB01 -DestinationHost HV3 -IncludeStorage -DestinationStoragePath 'D:\\VMs\\WEB01' -ComputerName HV1",
    );
    expect(powershellFor({ ...sharedNothing, storagePath: null })).toBe(
      "Move-VM -Name WEB01 -DestinationHost HV3",
    );
  });

  it("maps switches the documented way: Compare-VM, Connect-VMNetworkAdapter on the report, Move-VM -CompatibilityReport", () => {
    expect(powershellFor({ ...sharedNothing, vmName: "Bob's VM", switchMap: { Legacy: "Production" } })).toBe(
      [
        "$report = Compare-VM -Name 'Bob''s VM' -DestinationHost HV3 -IncludeStorage -DestinationStoragePath 'D:\\VMs\\WEB01'",
        "$report.Incompatibilities | Where-Object { $_.MessageId -eq 33012 -and $_.Source.SwitchName -eq 'Legacy' } |",
        "  ForEach-Object { $_.Source | Connect-VMNetworkAdapter -SwitchName 'Production' }",
        "Compare-VM -CompatibilityReport $report",
        "Move-VM -CompatibilityReport $report",
      ].join("\n"),
    );
  });
});

describe("storage: Move-VMStorage", () => {
  it("to the destination path", () => {
    const storage = {
      ...sharedNothing,
      kind: "storage" as const,
      destinationHost: "HV1",
      storagePath: "E:\\Hyper-V\\WEB 01",
    };
    expect(powershellFor(storage)).toBe(
      "Move-VMStorage -VMName WEB01 -DestinationStoragePath 'E:\\Hyper-V\\WEB 01'",
    );
    expect(powershellFor({ ...storage, startedFrom: "admin-center" })).toBe(
      "Move-VMStorage -VMName WEB01 -DestinationStoragePath 'E:\\Hyper-V\\WEB 01' -ComputerName HV1",
    );
  });
});
