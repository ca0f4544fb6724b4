import { describe, expect, it } from "vitest";
import {
  type ClusterNetworkRow,
  clusterSettingsScript,
  firstAvailableNetwork,
  liveMigrationList,
  orderFromChoice,
} from "./cluster-settings";

// CLUSTER1 of the demo estate: management, the live-migration network (first), iSCSI (excluded).
const NETWORKS: ClusterNetworkRow[] = [
  {
    id: 1,
    name: "Cluster Network 1",
    subnet: "10.0.0.0/24",
    role: "ClusterAndClient",
    liveMigrationOrder: 2,
  },
  { id: 2, name: "Cluster Network 2", subnet: "192.168.10.0/24", role: "ClusterOnly", liveMigrationOrder: 1 },
  { id: 3, name: "Cluster Network 3", subnet: "192.168.20.0/24", role: "None", liveMigrationOrder: null },
];
const HV1 = ["10.0.0.11", "192.168.10.11", "192.168.20.11"];
const HV2 = ["10.0.0.12", "192.168.10.12", "192.168.20.12"];

describe("the Live Migration Settings list", () => {
  it("lists the ticked networks in their order, then the others by name", () => {
    expect(liveMigrationList(NETWORKS).map((n) => [n.name, n.used])).toEqual([
      ["Cluster Network 2", true],
      ["Cluster Network 1", true],
      ["Cluster Network 3", false],
    ]);
  });

  it("a choice stores 1, 2, ... for the ticked networks in list order and null for the rest", () => {
    const { order, issues } = orderFromChoice(NETWORKS, [
      { id: 3, used: true },
      { id: 2, used: false },
      { id: 1, used: true },
    ]);
    expect(issues).toEqual([]);
    expect([...order]).toEqual([
      [3, 1],
      [2, null],
      [1, 2],
    ]);
  });

  it("refuses a list that is not exactly the cluster's networks, or ticks none, with the field paths", () => {
    expect(
      orderFromChoice(NETWORKS, [
        { id: 2, used: true },
        { id: 2, used: true },
        { id: 9, used: true },
      ]).issues,
    ).toEqual([
      { path: "liveMigrationNetworks.1.id", message: "Each network can be listed once." },
      { path: "liveMigrationNetworks.2.id", message: "The cluster has no network with id 9." },
      {
        path: "liveMigrationNetworks",
        message: "List every cluster network, ticked or not; missing: Cluster Network 1, Cluster Network 3.",
      },
    ]);
    expect(
      orderFromChoice(
        NETWORKS,
        NETWORKS.map((n) => ({ id: n.id, used: false })),
      ).issues,
    ).toEqual([{ path: "liveMigrationNetworks", message: "Tick at least one network for live migration." }]);
  });
});

describe("the network a live migration uses", () => {
  it("is the first ticked network both nodes have an address on", () => {
    expect(firstAvailableNetwork(NETWORKS, HV1, HV2)?.name).toBe("Cluster Network 2");
    // A node without an address on the first network: the next one in the order.
    expect(firstAvailableNetwork(NETWORKS, HV1, ["10.0.0.12"])?.name).toBe("Cluster Network 1");
  });

  it("never an excluded network, and none when no ticked network reaches both nodes", () => {
    const onlyIscsi = ["192.168.20.12"];
    expect(firstAvailableNetwork(NETWORKS, HV1, onlyIscsi)).toBeNull();
    const reordered = NETWORKS.map((n) => ({ ...n, liveMigrationOrder: n.id === 1 ? 1 : null }));
    expect(firstAvailableNetwork(reordered, HV1, HV2)?.name).toBe("Cluster Network 1");
  });
});

describe("the PowerShell of a change", () => {
  it("sets MaximumParallelMigrations on the cluster object", () => {
    expect(clusterSettingsScript({ cluster: "CLUSTER1", maxParallelMigrations: 2 })).toBe(
      "(Get-Cluster -Name CLUSTER1).MaximumParallelMigrations = 2",
    );
  });

  it("sets the Virtual Machine resource type's network order and exclusions by looking the ids up by name", () => {
    expect(
      clusterSettingsScript({
        cluster: "CLUSTER1",
        networks: [
          { name: "Cluster Network 2", used: true },
          { name: "Cluster Network 1", used: true },
          { name: "Cluster Network 3", used: false },
        ],
      }),
    ).toBe(
      [
        "$vmType = Get-ClusterResourceType -Cluster CLUSTER1 -Name 'Virtual Machine'",
        "$vmType | Set-ClusterParameter -Name MigrationNetworkOrder -Value ((('Cluster Network 2', 'Cluster Network 1') | ForEach-Object { (Get-ClusterNetwork -Cluster CLUSTER1 -Name $_).Id }) -join ';')",
        "$vmType | Set-ClusterParameter -Name MigrationExcludeNetworks -Value ((('Cluster Network 3') | ForEach-Object { (Get-ClusterNetwork -Cluster CLUSTER1 -Name $_).Id }) -join ';')",
      ].join("\n"),
    );
  });

  it("quotes names with quotes or spaces and clears the exclusions with an empty string", () => {
    const script = clusterSettingsScript({
      cluster: "Lab Cluster",
      maxParallelMigrations: 4,
      networks: [{ name: "Bob's LM", used: true }],
    });
    expect(script.split("\n")).toEqual([
      "(Get-Cluster -Name 'Lab Cluster').MaximumParallelMigrations = 4",
      "$vmType = Get-ClusterResourceType -Cluster 'Lab Cluster' -Name 'Virtual Machine'",
      "$vmType | Set-ClusterParameter -Name MigrationNetworkOrder -Value ((('Bob''s LM') | ForEach-Object { (Get-ClusterNetwork -Cluster 'Lab Cluster' -Name $_).Id }) -join ';')",
      "$vmType | Set-ClusterParameter -Name MigrationExcludeNetworks -Value ('')",
    ]);
    expect(clusterSettingsScript({ cluster: "CLUSTER1" })).toBe("");
  });
});
