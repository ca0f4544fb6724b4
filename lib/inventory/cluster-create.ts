import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, type Tx, writeTransaction } from "@/lib/db";
import { PreconditionError, ValidationError } from "@/lib/http/errors";
import { discoverClusterNetworks, staticAddressProblem } from "@/lib/hyperv/cluster-networks";
import {
  quorumWarning,
  type ValidationNode,
  type ValidationReport,
  validateCluster,
} from "@/lib/hyperv/cluster-validation";
import { clusterCreated, type EstateEvent, quorumSet, roleOnline } from "@/lib/hyperv/estate-events";
import { newClusterScript, testClusterScript } from "@/lib/hyperv/estate-powershell";
import { labNow } from "@/lib/lab/now";
import type { CreateClusterInput, ValidateClusterInput } from "@/lib/schemas/cluster";
import { getCluster } from "./clusters";
import { parseList } from "./json";
import { claimComputerName } from "./names";

const nodeSelect = {
  id: true,
  name: true,
  state: true,
  osVersion: true,
  osBuild: true,
  cpuVendor: true,
  roles: true,
  domain: { select: { name: true } },
  cluster: { select: { name: true } },
  adapters: {
    select: { name: true, ipAddress: true, prefixLength: true, purpose: true },
    orderBy: { id: "asc" },
  },
  switches: { select: { name: true }, orderBy: { name: "asc" } },
  iscsiConnections: {
    select: {
      target: {
        select: {
          host: { select: { name: true } },
          virtualDisks: {
            where: { dataDisk: { offline: false } },
            select: { id: true, path: true },
            orderBy: { path: "asc" },
          },
        },
      },
    },
  },
} satisfies Prisma.HostSelect;

type NodeRow = Prisma.HostGetPayload<{ select: typeof nodeSelect }>;

function toValidationNode(row: NodeRow): ValidationNode {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    domain: row.domain.name,
    osVersion: row.osVersion,
    osBuild: row.osBuild,
    cpuVendor: row.cpuVendor,
    roles: parseList(row.roles),
    clusterName: row.cluster?.name ?? null,
    adapters: row.adapters,
    switches: row.switches.map((s) => s.name),
    disks: row.iscsiConnections.flatMap((c) =>
      c.target.virtualDisks.map((d) => ({ id: d.id, path: d.path, server: c.target.host.name })),
    ),
  };
}

/**
 * The servers as Test-Cluster sees them, in the order asked for: their domain, OS, roles, adapters,
 * switches and the iSCSI disks their sessions reach. An unknown id is a field error of its own.
 */
export async function validationNodes(client: Tx | typeof db, nodeIds: number[]): Promise<ValidationNode[]> {
  const rows = await client.host.findMany({ where: { id: { in: nodeIds } }, select: nodeSelect });
  const issues = nodeIds.flatMap((id, i) =>
    rows.some((r) => r.id === id) ? [] : [{ path: `nodeIds.${i}`, message: `No server has id ${id}.` }],
  );
  if (issues.length > 0) throw new ValidationError("These servers cannot be validated.", issues);
  return nodeIds.map((id) => toValidationNode(rows.find((r) => r.id === id) as NodeRow));
}

export interface ClusterValidation extends ValidationReport {
  networks: ReturnType<typeof discoverClusterNetworks>;
  /** What the form warns about if the cluster gets no witness. */
  noWitnessWarning: string | null;
  powershell: string;
}

/** POST /api/clusters/validate: the report, and the networks the cluster would have. */
export async function clusterValidation(input: ValidateClusterInput): Promise<ClusterValidation> {
  const nodes = await validationNodes(db, input.nodeIds);
  return {
    ...validateCluster(nodes),
    networks: discoverClusterNetworks(nodes),
    noWitnessWarning: quorumWarning(nodes.length, { type: "none" }),
    powershell: testClusterScript(nodes.map((n) => n.name)),
  };
}

/** Every address in use in the domain: servers' adapters and management addresses, clusters. */
async function takenAddresses(tx: Tx): Promise<{ address: string; by: string }[]> {
  const [hosts, clusters] = await Promise.all([
    tx.host.findMany({
      select: { name: true, managementIp: true, adapters: { select: { ipAddress: true } } },
    }),
    tx.cluster.findMany({ select: { name: true, ipAddress: true } }),
  ]);
  return [
    ...hosts.flatMap((h) =>
      [h.managementIp, ...h.adapters.map((a) => a.ipAddress)]
        .filter((a): a is string => a !== null)
        .map((address) => ({ address, by: `the server ${h.name}` })),
    ),
    ...clusters.map((c) => ({ address: c.ipAddress, by: `the cluster ${c.name}` })),
  ];
}

/** The file share witness lives on a server of the domain outside the cluster. */
async function fileShareProblem(tx: Tx, path: string, nodes: ValidationNode[]): Promise<string | null> {
  const server = path.slice(2).split("\\")[0]?.split(".")[0]?.toUpperCase() ?? "";
  if (nodes.some((n) => n.name === server)) {
    return `${server} is a node of this cluster: a witness must be on a server outside it, or losing that node loses the witness too.`;
  }
  const host = await tx.host.findUnique({ where: { name: server }, select: { state: true } });
  if (!host) return `No server named ${server} is in the domain to hold the share.`;
  if (host.state === "Down") return `${server} is down: the cluster could not reach the share.`;
  return null;
}

export interface CreatedCluster {
  cluster: Awaited<ReturnType<typeof getCluster>>;
  report: ValidationReport;
  warnings: string[];
  powershell: string;
}

/**
 * New-Cluster: runs Test-Cluster on the nodes inside the same transaction and refuses on any
 * failed test; then the name, the static address and the witness. The nodes join, the cluster
 * networks come from their adapters, every formatted disk all nodes reach becomes a cluster disk
 * (Available Storage, as New-Cluster adds eligible storage), and the quorum is configured.
 */
export async function createValidatedCluster(input: CreateClusterInput): Promise<CreatedCluster> {
  const done = await writeTransaction(async (tx) => {
    const domain = await tx.domain.findFirst({ orderBy: { id: "asc" } });
    if (!domain) throw new PreconditionError("The inventory has no Active Directory domain to join.");
    const fqdn = input.fqdn ?? `${input.name.toLowerCase()}.${domain.name}`;
    await claimComputerName(tx, input.name, fqdn);
    const nodes = await validationNodes(tx, input.nodeIds);
    const report = validateCluster(nodes);
    if (!report.canCreate) {
      throw new ValidationError(
        "Validation failed: the cluster cannot be created until every failed test passes.",
        report.tests
          .filter((t) => t.result === "Failed")
          .flatMap((t) =>
            t.messages.slice(0, 1).map((message) => ({ path: "nodeIds", message: `${t.name}: ${message}` })),
          ),
      );
    }
    const networks = discoverClusterNetworks(nodes);
    const issues: { path: string; message: string }[] = [];
    const addressProblem = staticAddressProblem(input.ipAddress, networks, await takenAddresses(tx));
    if (addressProblem) issues.push({ path: "ipAddress", message: addressProblem });

    const formatted = await tx.iscsiVirtualDisk.findMany({
      where: { id: { in: report.sharedDisks.map((d) => d.id) }, formatted: true, clusterId: null },
      select: { id: true, path: true },
      orderBy: { id: "asc" },
    });
    const witness = input.witness;
    if (witness.type === "disk" && !formatted.some((d) => d.id === witness.virtualDiskId)) {
      issues.push({
        path: "witness.virtualDiskId",
        message:
          "A disk witness must be a formatted disk that every node reaches and no cluster uses yet. Choose one of the shared disks, or another kind of witness.",
      });
    }
    if (witness.type === "fileShare") {
      const problem = await fileShareProblem(tx, witness.path, nodes);
      if (problem) issues.push({ path: "witness.path", message: problem });
    }
    if (issues.length > 0) throw new ValidationError("The cluster cannot be created as asked.", issues);

    const cluster = await tx.cluster.create({
      data: {
        name: input.name,
        fqdn,
        ipAddress: input.ipAddress,
        maxParallelMigrations: input.maxParallelMigrations,
        tags: JSON.stringify(input.tags),
        domainId: domain.id,
        createdAt: labNow(),
        witnessShare: witness.type === "fileShare" ? witness.path : null,
      },
      select: { id: true },
    });
    await tx.host.updateMany({ where: { id: { in: input.nodeIds } }, data: { clusterId: cluster.id } });
    await tx.clusterNetwork.createMany({ data: networks.map((n) => ({ clusterId: cluster.id, ...n })) });
    let witnessDiskName: string | undefined;
    for (const [i, disk] of formatted.entries()) {
      const name = `Cluster Disk ${i + 1}`;
      if (witness.type === "disk" && disk.id === witness.virtualDiskId) witnessDiskName = name;
      await tx.iscsiVirtualDisk.update({
        where: { id: disk.id },
        data: { clusterId: cluster.id, clusterDiskName: name },
      });
    }
    if (witness.type === "disk") {
      await tx.cluster.update({ where: { id: cluster.id }, data: { witnessDiskId: witness.virtualDiskId } });
    }
    const owner = nodes[0] as ValidationNode;
    const witnessText =
      witness.type === "disk"
        ? `the disk witness '${witnessDiskName}'`
        : witness.type === "fileShare"
          ? `the file share witness ${witness.path}`
          : null;
    const events: EstateEvent[] = [
      clusterCreated(
        input.name,
        nodes.map((n) => n.name),
        input.ipAddress,
      ),
      roleOnline("Cluster Group"),
      ...(formatted.length > 0 ? [roleOnline("Available Storage")] : []),
      quorumSet(input.name, witnessText),
    ];
    const time = labNow();
    await tx.eventLogEntry.createMany({ data: events.map((e) => ({ ...e, hostId: owner.id, time })) });
    const warning = quorumWarning(nodes.length, witness);
    return {
      id: cluster.id,
      report,
      warnings: [
        ...report.tests.filter((t) => t.result === "Warning").flatMap((t) => t.messages.slice(0, 1)),
        ...(warning ? [warning] : []),
      ],
      powershell: newClusterScript({
        name: input.name,
        nodes: nodes.map((n) => n.name),
        staticAddress: input.ipAddress,
        witness,
        ...(witnessDiskName ? { witnessDiskName } : {}),
        noStorage: formatted.length === 0,
      }),
    };
  });
  const { id, ...rest } = done;
  return { cluster: await getCluster(id), ...rest };
}
