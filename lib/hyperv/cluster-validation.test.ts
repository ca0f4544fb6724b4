import { describe, expect, it } from "vitest";
import {
  quorumWarning,
  type TestResult,
  VALIDATION_CHECKS,
  type ValidationNode,
  validateCluster,
} from "./cluster-validation";

const node = (n: number, name: string): ValidationNode => ({
  id: n,
  name,
  state: "Up",
  domain: "contoso.com",
  osVersion: "Windows Server 2022 Datacenter",
  osBuild: "10.0.20348",
  cpuVendor: "Intel",
  roles: ["Hyper-V", "Failover Clustering"],
  clusterName: null,
  adapters: [
    { name: "Management", ipAddress: `10.0.0.${n}`, prefixLength: 24, purpose: "Management" },
    { name: "LiveMigration", ipAddress: `192.168.10.${n}`, prefixLength: 24, purpose: "LiveMigration" },
  ],
  switches: ["Production"],
  disks: [{ id: 1, path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx", server: "SRV3" }],
});

const pair = () => [node(11, "HV1"), node(12, "HV2")];
/** Changes node i of the pair. */
const patch =
  (i: number, fields: Partial<ValidationNode>) =>
  (nodes: ValidationNode[]): void => {
    Object.assign(nodes[i] as ValidationNode, fields);
  };
const result = (nodes: ValidationNode[], id: string): TestResult | undefined =>
  validateCluster(nodes).tests.find((t) => t.id === id)?.result;

describe("Test-Cluster", () => {
  it("passes two well-matched nodes with shared storage, and lets the cluster be created", () => {
    const report = validateCluster(pair());
    expect(report.tests.map((t) => t.result)).toEqual(report.tests.map(() => "Success"));
    expect(report).toMatchObject({ result: "Success", canCreate: true, failed: 0, warnings: 0 });
    expect(report.sharedDisks.map((d) => d.path)).toEqual(["E:\\iSCSIVirtualDisks\\CSV1.vhdx"]);
    expect(report.tests.length).toBe(VALIDATION_CHECKS.length);
  });

  it("orders the tests by category as the wizard does", () => {
    const categories = validateCluster(pair()).tests.map((t) => t.category);
    expect([...new Set(categories)]).toEqual([
      "Inventory",
      "Network",
      "Storage",
      "System Configuration",
      "Hyper-V Configuration",
    ]);
  });

  // Each check: break the nodes so that it fails (or warns), then see it pass again once fixed.
  const cases: {
    id: string;
    breaks: (nodes: ValidationNode[]) => void;
    as: TestResult;
    says: RegExp;
  }[] = [
    {
      id: "node-reachable",
      breaks: patch(1, { state: "Down" }),
      as: "Failed",
      says: /HV2 could not be reached/,
    },
    {
      id: "same-domain",
      breaks: patch(1, { domain: "fabrikam.com" }),
      as: "Failed",
      says: /different domains \(HV1: contoso.com, HV2: fabrikam.com\)/,
    },
    {
      id: "same-domain",
      breaks: patch(1, { domain: null }),
      as: "Failed",
      says: /HV2 is not joined to an Active Directory domain/,
    },
    {
      id: "same-os-edition",
      breaks: patch(1, { osVersion: "Windows Server 2022 Standard" }),
      as: "Failed",
      says: /different editions: HV1: Windows Server 2022 Datacenter, HV2: Windows Server 2022 Standard/,
    },
    {
      id: "same-os-version",
      breaks: patch(1, { osBuild: "10.0.26100" }),
      as: "Failed",
      says: /different versions/,
    },
    {
      id: "cluster-service",
      breaks: patch(0, { roles: ["Hyper-V"] }),
      as: "Failed",
      says: /Failover Clustering feature is not installed on HV1/,
    },
    {
      id: "cluster-service",
      breaks: patch(0, { clusterName: "CLUSTER9" }),
      as: "Failed",
      says: /HV1 is already a node of cluster CLUSTER9/,
    },
    {
      id: "network-in-common",
      breaks: (n) => {
        for (const a of (n[1] as ValidationNode).adapters)
          a.ipAddress = a.ipAddress?.replace(/^(10\.0|192\.168)\./, "172.16.") ?? null;
      },
      as: "Failed",
      says: /no network in common/,
    },
    {
      id: "network-in-common",
      breaks: (n) => {
        (n[1] as ValidationNode).adapters.pop();
      },
      as: "Warning",
      says: /one network only \(10.0.0.0\/24\), a single point of failure/,
    },
    {
      id: "ip-configuration",
      breaks: (n) => {
        ((n[1] as ValidationNode).adapters[1] as { ipAddress: string }).ipAddress = "192.168.10.11";
      },
      as: "Failed",
      says: /HV2 and HV1 both use the address 192.168.10.11/,
    },
    {
      id: "shared-storage",
      breaks: patch(1, { disks: [] }),
      as: "Warning",
      says: /not reachable from HV2/,
    },
    {
      id: "shared-storage",
      breaks: (n) => {
        for (const x of n) x.disks = [];
      },
      as: "Warning",
      says: /No disks were found/,
    },
    {
      id: "hyper-v-role",
      breaks: patch(1, { roles: ["Failover Clustering"] }),
      as: "Failed",
      says: /Hyper-V role is not installed on HV2/,
    },
    {
      id: "virtual-switches",
      breaks: patch(1, { switches: [] }),
      as: "Warning",
      says: /'Production' is missing on HV2/,
    },
    {
      id: "processor-manufacturer",
      breaks: patch(1, { cpuVendor: "AMD" }),
      as: "Warning",
      says: /different manufacturers/,
    },
  ];

  for (const c of cases) {
    it(`${c.id}: ${c.as.toLowerCase()} when ${c.says.source.slice(0, 40)}, and passes once fixed`, () => {
      const nodes = pair();
      c.breaks(nodes);
      const report = validateCluster(nodes);
      const test = report.tests.find((t) => t.id === c.id);
      expect(test?.result).toBe(c.as);
      expect(test?.messages.join(" ")).toMatch(c.says);
      expect(report.canCreate).toBe(c.as !== "Failed");
      expect(result(pair(), c.id)).toBe("Success");
    });
  }

  it("cannot create a cluster without nodes", () => {
    expect(validateCluster([]).canCreate).toBe(false);
  });
});

describe("the quorum witness", () => {
  it("warns about no witness: two nodes stop when either fails", () => {
    expect(quorumWarning(2, { type: "none" })).toMatch(/if either node fails, the cluster stops/);
    expect(quorumWarning(3, { type: "none" })).toMatch(/recommends one for every cluster/);
    expect(quorumWarning(2, { type: "fileShare", path: "\\\\DC1\\Witness" })).toBeNull();
    expect(quorumWarning(2, { type: "disk", virtualDiskId: 1 })).toBeNull();
  });
});
