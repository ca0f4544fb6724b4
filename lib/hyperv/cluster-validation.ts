// Test-Cluster: the validation report a cluster must pass before New-Cluster, computed from the
// estate the inventory hands in (no canned results). Failed tests block creation; warnings do not.
// Test names follow the Validate a Configuration Wizard; the messages are the lab's (docs/hyperv.md).
import { commonSubnets, type NodeAdapter } from "./cluster-networks";

export const FAILOVER_CLUSTERING = "Failover Clustering";
export const HYPER_V = "Hyper-V";

export type TestResult = "Success" | "Warning" | "Failed";

export const VALIDATION_CATEGORIES = [
  "Inventory",
  "Network",
  "Storage",
  "System Configuration",
  "Hyper-V Configuration",
] as const;
export type ValidationCategory = (typeof VALIDATION_CATEGORIES)[number];

export interface ValidationNode {
  id: number;
  name: string;
  state: string;
  /** The Active Directory domain; null for a workgroup server. */
  domain: string | null;
  osVersion: string;
  osBuild: string;
  cpuVendor: string;
  roles: string[];
  /** The cluster the server already belongs to, if any. */
  clusterName: string | null;
  adapters: NodeAdapter[];
  switches: string[];
  /** iSCSI virtual disks the server reaches through its connected targets. */
  disks: { id: number; path: string; server: string }[];
}

export interface ValidationTest {
  id: string;
  category: ValidationCategory;
  name: string;
  result: TestResult;
  messages: string[];
}

export interface ValidationReport {
  nodes: string[];
  tests: ValidationTest[];
  result: TestResult;
  failed: number;
  warnings: number;
  /** No test failed: New-Cluster may go ahead. */
  canCreate: boolean;
  /** Disks every node reaches: the storage a new cluster can use. */
  sharedDisks: { id: number; path: string; server: string }[];
}

type Check = (
  nodes: ValidationNode[],
) => Omit<ValidationTest, "result"> & { failed: string[]; warned: string[] };

const names = (nodes: { name: string }[]) => nodes.map((n) => n.name).join(", ");

/** The server answers (a Down server cannot be validated, let alone join). */
const reachable: Check = (nodes) => ({
  id: "node-reachable",
  category: "Inventory",
  name: "List System Information",
  failed: nodes
    .filter((n) => n.state === "Down")
    .map((n) => `The node ${n.name} could not be reached; it is down.`),
  warned: [],
  messages: [],
});

const activeDirectory: Check = (nodes) => {
  const failed = nodes
    .filter((n) => n.domain === null)
    .map((n) => `${n.name} is not joined to an Active Directory domain.`);
  const domains = [...new Set(nodes.map((n) => n.domain).filter((d): d is string => d !== null))];
  if (domains.length > 1) {
    failed.push(
      `The nodes are in different domains (${nodes.map((n) => `${n.name}: ${n.domain}`).join(", ")}). All nodes must be members of the same domain.`,
    );
  }
  return {
    id: "same-domain",
    category: "System Configuration",
    name: "Validate Active Directory Configuration",
    failed,
    warned: [],
    messages: failed.length === 0 && domains[0] ? [`All nodes are members of ${domains[0]}.`] : [],
  };
};

const osEdition: Check = (nodes) => {
  const editions = [...new Set(nodes.map((n) => n.osVersion))];
  return {
    id: "same-os-edition",
    category: "System Configuration",
    name: "Validate Operating System Edition",
    failed:
      editions.length > 1
        ? [
            `The nodes run different editions: ${nodes.map((n) => `${n.name}: ${n.osVersion}`).join(", ")}. All nodes must run the same edition.`,
          ]
        : [],
    warned: [],
    messages: editions.length === 1 ? [`All nodes run ${editions[0]}.`] : [],
  };
};

const osVersion: Check = (nodes) => {
  const builds = [...new Set(nodes.map((n) => n.osBuild))];
  return {
    id: "same-os-version",
    category: "System Configuration",
    name: "Validate Operating System Version",
    failed:
      builds.length > 1
        ? [
            `The nodes run different versions of Windows Server: ${nodes.map((n) => `${n.name}: ${n.osBuild}`).join(", ")}.`,
          ]
        : [],
    warned: [],
    messages: builds.length === 1 ? [`All nodes run version ${builds[0]}.`] : [],
  };
};

const requiredServices: Check = (nodes) => ({
  id: "cluster-service",
  category: "System Configuration",
  name: "Validate Required Services",
  failed: nodes.flatMap((n) => [
    ...(n.roles.includes(FAILOVER_CLUSTERING)
      ? []
      : [
          `The Failover Clustering feature is not installed on ${n.name} (Install-WindowsFeature Failover-Clustering).`,
        ]),
    ...(n.clusterName ? [`${n.name} is already a node of cluster ${n.clusterName}.`] : []),
  ]),
  warned: [],
  messages: [],
});

const networkCommunication: Check = (nodes) => {
  const shared = commonSubnets(nodes);
  const failed =
    nodes.length > 1 && shared.length === 0
      ? [
          `The nodes have no network in common: ${nodes
            .map(
              (n) =>
                `${n.name} on ${
                  n.adapters
                    .filter((a) => a.ipAddress)
                    .map((a) => `${a.ipAddress}/${a.prefixLength}`)
                    .join(", ") || "no network"
                }`,
            )
            .join("; ")}.`,
        ]
      : [];
  const warned =
    nodes.length > 1 && shared.length === 1
      ? [
          `The nodes are connected by one network only (${shared[0]}), a single point of failure: add a second network between them.`,
        ]
      : [];
  return {
    id: "network-in-common",
    category: "Network",
    name: "Validate Network Communication",
    failed,
    warned,
    messages: shared.length > 0 ? [`Networks reachable from every node: ${shared.join(", ")}.`] : [],
  };
};

const ipConfiguration: Check = (nodes) => {
  const seen = new Map<string, string>();
  const failed: string[] = [];
  for (const n of nodes) {
    for (const a of n.adapters) {
      if (!a.ipAddress) continue;
      const other = seen.get(a.ipAddress);
      if (other && other !== n.name)
        failed.push(`${n.name} and ${other} both use the address ${a.ipAddress}.`);
      seen.set(a.ipAddress, n.name);
    }
  }
  return {
    id: "ip-configuration",
    category: "Network",
    name: "Validate IP Configuration",
    failed,
    warned: [],
    messages: [],
  };
};

/** Disks every node reaches, and the ones only some reach. */
export function sharedDisks(nodes: ValidationNode[]) {
  const all = new Map(nodes.flatMap((n) => n.disks).map((d) => [d.id, d]));
  const seenBy = (id: number) => nodes.filter((n) => n.disks.some((d) => d.id === id));
  const shared = [...all.values()].filter((d) => seenBy(d.id).length === nodes.length);
  const partial = [...all.values()]
    .filter((d) => seenBy(d.id).length < nodes.length)
    .map((d) => ({
      disk: d,
      missing: nodes.filter((n) => !n.disks.some((x) => x.id === d.id)).map((n) => n.name),
    }));
  return { shared, partial };
}

const storage: Check = (nodes) => {
  const { shared, partial } = sharedDisks(nodes);
  const warned = [
    ...(shared.length === 0
      ? [
          "No disks were found on which to perform cluster validation tests: no disk is reachable from every node. The cluster can be created without storage; add shared disks later.",
        ]
      : []),
    ...partial.map(
      ({ disk, missing }) =>
        `The disk ${disk.server}: ${disk.path} is not reachable from ${missing.join(", ")}; it cannot be clustered until every node connects to it.`,
    ),
  ];
  return {
    id: "shared-storage",
    category: "Storage",
    name: "List Disks To Be Validated",
    failed: [],
    warned,
    messages: shared.map((d) => `Shared disk: ${d.server}: ${d.path}, reachable from every node.`),
  };
};

const hyperVRole: Check = (nodes) => ({
  id: "hyper-v-role",
  category: "Hyper-V Configuration",
  name: "Validate Hyper-V Role Installed",
  failed: nodes
    .filter((n) => !n.roles.includes(HYPER_V))
    .map(
      (n) =>
        `The Hyper-V role is not installed on ${n.name}: it could not run the cluster's virtual machines.`,
    ),
  warned: [],
  messages: nodes.every((n) => n.roles.includes(HYPER_V)) ? [`Hyper-V is installed on ${names(nodes)}.`] : [],
});

const virtualSwitches: Check = (nodes) => {
  const all = [...new Set(nodes.flatMap((n) => n.switches))].sort();
  const warned = all.flatMap((sw) => {
    const missing = nodes.filter((n) => !n.switches.includes(sw)).map((n) => n.name);
    return missing.length > 0
      ? [
          `The virtual switch '${sw}' is missing on ${missing.join(", ")}: a virtual machine connected to it cannot move there.`,
        ]
      : [];
  });
  return {
    id: "virtual-switches",
    category: "Hyper-V Configuration",
    name: "Validate Hyper-V Network Resource Pool And Virtual Switch Compatibility",
    failed: [],
    warned,
    messages: [],
  };
};

const processorManufacturers: Check = (nodes) => {
  const vendors = [...new Set(nodes.map((n) => n.cpuVendor))];
  return {
    id: "processor-manufacturer",
    category: "Hyper-V Configuration",
    name: "Validate Matching Processor Manufacturers",
    failed: [],
    warned:
      vendors.length > 1
        ? [
            `The nodes have processors from different manufacturers (${nodes.map((n) => `${n.name}: ${n.cpuVendor}`).join(", ")}): virtual machines cannot live-migrate between them.`,
          ]
        : [],
    messages: [],
  };
};

export const VALIDATION_CHECKS: readonly Check[] = [
  reachable,
  networkCommunication,
  ipConfiguration,
  storage,
  activeDirectory,
  osEdition,
  osVersion,
  requiredServices,
  hyperVRole,
  virtualSwitches,
  processorManufacturers,
];

/** Runs every test on the nodes as the estate has them. */
export function validateCluster(nodes: ValidationNode[]): ValidationReport {
  const tests = VALIDATION_CHECKS.map((check) => {
    const { failed, warned, messages, ...test } = check(nodes);
    const result: TestResult = failed.length > 0 ? "Failed" : warned.length > 0 ? "Warning" : "Success";
    return { ...test, result, messages: [...failed, ...warned, ...messages] };
  }).sort((a, b) => VALIDATION_CATEGORIES.indexOf(a.category) - VALIDATION_CATEGORIES.indexOf(b.category));
  const failed = tests.filter((t) => t.result === "Failed").length;
  const warnings = tests.filter((t) => t.result === "Warning").length;
  return {
    nodes: nodes.map((n) => n.name),
    tests,
    result: failed > 0 ? "Failed" : warnings > 0 ? "Warning" : "Success",
    failed,
    warnings,
    canCreate: nodes.length > 0 && failed === 0,
    sharedDisks: sharedDisks(nodes).shared,
  };
}

export type WitnessChoice =
  | { type: "disk"; virtualDiskId: number }
  | { type: "fileShare"; path: string }
  | { type: "none" };

/**
 * What the quorum configuration warns about. Without a witness an even number of nodes cannot
 * survive losing half of them: with two nodes, either failing stops the cluster.
 */
export function quorumWarning(nodeCount: number, witness: WitnessChoice): string | null {
  if (witness.type !== "none") return null;
  if (nodeCount % 2 === 0) {
    return `The cluster has no witness. With ${nodeCount} nodes it keeps running only while more than half of them (${nodeCount / 2 + 1}) are up: ${nodeCount === 2 ? "if either node fails, the cluster stops" : "losing half the nodes stops it"}. Configure a disk or file share witness.`;
  }
  return "The cluster has no witness. Microsoft recommends one for every cluster, so that the cluster can adjust its votes as nodes come and go.";
}
