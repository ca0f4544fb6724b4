// The guided lab's lessons: each step says what to do and why, links to the real form, shows the
// PowerShell that does the same, and checks the estate for what is still missing. Pure: the facts
// come from lib/lab/guide.ts, so every check is tested against estates built in memory.

import type { DelegationState } from "@/lib/hyperv/delegation";
import {
  addClusterDiskScript,
  addCsvScript,
  bringDiskOnlineScript,
  connectTargetScript,
  discoverPortalScript,
  newClusterScript,
  newIscsiTargetScript,
  newIscsiVirtualDiskScript,
  newVmScript,
} from "@/lib/hyperv/estate-powershell";
import { credSspNotRecognizedText, kerberosDelegationText } from "@/lib/hyperv/failure-texts";
import { defaultStoragePathFor } from "@/lib/hyperv/high-availability";
import {
  AUTH_LABELS,
  type AuthProtocol,
  DEFAULT_HOST_SETTINGS,
  PERFORMANCE_LABELS,
  type PerformanceOption,
} from "@/lib/hyperv/host-settings";
import { initiatorIqn } from "@/lib/hyperv/iscsi";
import {
  delegationPowerShell,
  hostSettingsPowerShell,
  powershellFor,
  purgeTicketsPowerShell,
} from "@/lib/hyperv/powershell";
import {
  CIFS_SERVICE,
  DELEGATION_LABELS,
  MIGRATION_SERVICE,
  PROTOCOL_LABELS,
  startedFromLabel,
  startedFromPhrase,
} from "@/lib/hyperv/vocabulary";
import { formatSeconds, formatSpeed } from "@/lib/present/format";

/** The estate as the lab's checks read it. */
export interface LabFacts {
  /** The lab clock's now (ISO), for what a host's Kerberos tickets carry. */
  now: string;
  domain: string | null;
  hosts: {
    id: number;
    name: string;
    fqdn: string;
    state: string;
    roles: string[];
    domain: string | null;
    clusterId: number | null;
    dataDisks: number;
    /** Live-migration adapters: their speed (Mbit/s) and RDMA. */
    liveMigrationNics: { speedMbps: number; rdma: boolean }[];
    performanceOption: PerformanceOption | null;
    /** The live-migration authentication protocol (Settings > Advanced). */
    authentication: AuthProtocol | null;
    /** "Enable incoming and outgoing live migrations". */
    liveMigrations: boolean;
  }[];
  /** Computer accounts: the Delegation tab as Active Directory has it, and what the tickets carry. */
  accounts: {
    hostId: number;
    delegation: DelegationState;
    /** What the host's Kerberos tickets carry now (the account once the change has replicated). */
    tickets: DelegationState;
    /** When a change not yet in the tickets takes effect (lab clock, ISO); null when none is pending. */
    pendingUntil: string | null;
  }[];
  clusters: { id: number; name: string; nodeIds: number[] }[];
  virtualDisks: {
    id: number;
    path: string;
    sizeGiB: number;
    serverId: number;
    targetId: number | null;
    formatted: boolean;
    clusterId: number | null;
    csvPath: string | null;
  }[];
  targets: {
    id: number;
    name: string;
    iqn: string;
    serverId: number;
    initiatorIqns: string[];
    connectedHostIds: number[];
  }[];
  vms: {
    id: number;
    name: string;
    hostId: number;
    state: string;
    highlyAvailable: boolean;
    /** The CSV mount point each disk is on, or null for a disk off shared storage. */
    diskCsvPaths: (string | null)[];
  }[];
  migrations: {
    id: number;
    vmName: string;
    kind: string;
    status: string;
    startedFrom: string;
    sourceHostId: number;
    destinationHostId: number | null;
    /** The summary's reason (converged, pass-cap, ...), when the move has ended. */
    reason: string | null;
    /** The blackout, when the move has ended. */
    downtimeMs: number | null;
  }[];
}

/** The lab's own changes to the estate, for what no form can do (new hardware). */
export const LAB_ACTIONS = ["rdma-adapters"] as const;
export type LabActionId = (typeof LAB_ACTIONS)[number];

export interface StepCheck {
  done: boolean;
  /** What is still missing, in the order to do it; empty when done. */
  missing: string[];
}

export interface LabLink {
  label: string;
  href: string;
}

export interface LabStep {
  id: string;
  title: string;
  what: string;
  why: string;
  links: LabLink[];
  powershell: string;
  check: StepCheck;
  /** The lab's own change, which no form makes (POST /api/lab/guide/actions), and what it stands for. */
  action?: { id: LabActionId; label: string; note: string };
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  /** The scenario the lesson starts from (lib/lab/scenarios.ts). */
  scenario: string;
  steps: (facts: LabFacts) => LabStep[];
  /** The quick review's questions for this lesson (lib/lab/quiz.ts). */
  questions: string[];
}

const check = (missing: string[]): StepCheck => ({ done: missing.length === 0, missing });
const byName = (f: LabFacts, name: string) => f.hosts.find((h) => h.name === name);
const nameOf = (f: LabFacts, id: number) => f.hosts.find((h) => h.id === id)?.name ?? `server ${id}`;

// ---- building the estate -------------------------------------------------------------------------

const NODES = ["HV1", "HV2"] as const;
const STORAGE = "SRV3";
const PORTAL = "192.168.20.13";

/** The cluster the lab builds: the first whose nodes include HV1 and HV2. */
function labCluster(f: LabFacts) {
  const ids = NODES.map((n) => byName(f, n)?.id);
  return f.clusters.find((c) => ids.every((id) => id !== undefined && c.nodeIds.includes(id)));
}

/** SRV3's target that maps a virtual disk, preferring one both nodes may use. */
function labTarget(f: LabFacts) {
  const srv3 = byName(f, STORAGE);
  const mine = f.targets.filter((t) => t.serverId === srv3?.id);
  const mapped = mine.filter((t) => f.virtualDisks.some((d) => d.targetId === t.id));
  const iqns = NODES.map((n) => byName(f, n)).flatMap((h) => (h ? [initiatorIqn(h.fqdn)] : []));
  return mapped.find((t) => iqns.every((i) => t.initiatorIqns.includes(i))) ?? mapped[0] ?? mine[0];
}

/** The highly available VM on a CSV of the lab's cluster. */
function labVm(f: LabFacts) {
  const cluster = labCluster(f);
  return f.vms.find(
    (v) =>
      v.highlyAvailable &&
      cluster?.nodeIds.includes(v.hostId) &&
      v.diskCsvPaths.length > 0 &&
      v.diskCsvPaths.every((p) => p !== null),
  );
}

function buildSteps(f: LabFacts): LabStep[] {
  const hv1 = byName(f, "HV1");
  const hv2 = byName(f, "HV2");
  const srv3 = byName(f, STORAGE);
  const cluster = labCluster(f);
  const target = labTarget(f);
  const targetDisks = f.virtualDisks.filter((d) => target && d.targetId === target.id);
  const csvDisk = f.virtualDisks.find((d) => d.csvPath && d.clusterId === cluster?.id);
  const vm = labVm(f);
  const srv3Tool = srv3 ? `/servers/${srv3.id}/iscsi-target` : "/";
  const clusterVms = cluster ? `/clusters/${cluster.id}/vms` : "/";

  // 1. The domain and its members.
  const members: string[] = [];
  if (!f.domain) members.push("There is no Active Directory domain.");
  if (!f.hosts.some((h) => h.roles.includes("Active Directory Domain Services"))) {
    members.push("No domain controller (a server with Active Directory Domain Services).");
  }
  for (const name of [...NODES, STORAGE]) {
    const h = byName(f, name);
    if (!h) members.push(`${name} is not in the inventory.`);
    else if (h.domain !== f.domain) members.push(`${name} is not a member of ${f.domain}.`);
    else if (h.state === "Down") members.push(`${name} is down.`);
  }
  for (const name of NODES) {
    const h = byName(f, name);
    if (h && !h.roles.includes("Hyper-V")) members.push(`${name} does not have the Hyper-V role.`);
    if (h && !h.roles.includes("Failover Clustering"))
      members.push(`${name} does not have the Failover Clustering feature.`);
  }
  if (srv3 && !srv3.roles.includes("iSCSI Target Server"))
    members.push(`${STORAGE} does not have the iSCSI Target Server role.`);
  if (srv3 && srv3.dataDisks < 1) members.push(`${STORAGE} has no data disks.`);

  // 2. The cluster.
  const clustered: string[] = [];
  if (!cluster) {
    const partial = f.clusters.find((c) => [hv1, hv2].some((h) => h && c.nodeIds.includes(h.id)));
    clustered.push(
      partial
        ? `${partial.name} does not have both HV1 and HV2 as nodes: create the lab's cluster with both.`
        : "No cluster has HV1 and HV2 as nodes yet: validate them and create the cluster.",
    );
  }

  // 3. The virtual disk on SRV3.
  const disks = f.virtualDisks.filter((d) => d.serverId === srv3?.id);
  const vdisk: string[] = disks.length === 0 ? [`${STORAGE} has no iSCSI virtual disk yet.`] : [];

  // 4. The target and its initiators.
  const targeted: string[] = [];
  if (!target) targeted.push(`${STORAGE} has no iSCSI target yet.`);
  else {
    if (targetDisks.length === 0) targeted.push(`Target '${target.name}' maps no virtual disk.`);
    for (const h of [hv1, hv2]) {
      if (h && !target.initiatorIqns.includes(initiatorIqn(h.fqdn))) {
        targeted.push(
          `Target '${target.name}' does not allow ${h.name}'s initiator (${initiatorIqn(h.fqdn)}).`,
        );
      }
    }
  }

  // 5. The initiators on both nodes.
  const connected: string[] = [];
  if (!target) connected.push("Create the target first (step 4).");
  else {
    for (const h of [hv1, hv2]) {
      if (h && !target.connectedHostIds.includes(h.id)) {
        connected.push(
          `${h.name} is not connected to target '${target.name}': discover ${PORTAL} and connect.`,
        );
      }
    }
    if (targetDisks.length > 0 && !targetDisks.some((d) => d.formatted)) {
      connected.push("The disk has not been brought online (and formatted) on a node.");
    }
  }

  // 6. The CSV.
  const csv: string[] = [];
  if (!cluster) csv.push("Create the cluster first (step 2).");
  else if (!csvDisk) {
    const inCluster = f.virtualDisks.find((d) => d.clusterId === cluster.id);
    csv.push(
      inCluster
        ? `The disk is in ${cluster.name}'s Available Storage: add it to Cluster Shared Volumes.`
        : `No disk of ${cluster.name} yet: in its Volumes, Add disk (every node must reach it, formatted).`,
    );
  }

  // 7. The highly available VM.
  const ha: string[] = [];
  if (!csvDisk) ha.push("Make the Cluster Shared Volume first (step 6).");
  else if (!vm) {
    const local = f.vms.find((v) => cluster?.nodeIds.includes(v.hostId) && !v.highlyAvailable);
    ha.push(
      local
        ? `${local.name} is not highly available: create a VM whose files are on ${csvDisk.csvPath} and make it highly available.`
        : `No highly available VM on ${csvDisk.csvPath} yet: Add > New in ${cluster?.name}'s Virtual machines.`,
    );
  }

  // 8. The live migration from Failover Cluster Manager.
  const moved: string[] = [];
  const moves = vm ? f.migrations.filter((m) => m.vmName === vm.name && m.kind === "live") : [];
  const fromFcm = moves.filter((m) => m.startedFrom === "failover-cluster-manager");
  if (!vm) moved.push("Create the highly available VM first (step 7).");
  else if (!fromFcm.some((m) => m.status === "succeeded")) {
    if (fromFcm.some((m) => m.status === "running" || m.status === "queued")) {
      moved.push(`The live migration of ${vm.name} is still running: watch its passes until it completes.`);
    } else {
      if (vm.state !== "Running")
        moved.push(`${vm.name} is ${vm.state}: start it (only a running VM live-migrates).`);
      if (moves.length > 0 && fromFcm.length === 0) {
        moved.push(
          `${vm.name} was moved, but not from Failover Cluster Manager: choose it as the starting point.`,
        );
      } else if (fromFcm.length > 0) {
        moved.push(`The last live migration of ${vm.name} did not complete: start another.`);
      }
      moved.push(
        `Live-migrate ${vm.name} to the other node: Manage > Move, started from Failover Cluster Manager.`,
      );
    }
  }
  const lastMove = fromFcm.at(-1);
  const vmName = vm?.name ?? "VM1";
  const owner = vm ? nameOf(f, vm.hostId) : "HV1";

  const csvPath = csvDisk?.csvPath ?? "C:\\ClusterStorage\\Volume1";
  const targetIqn = target?.iqn ?? "iqn.1991-05.com.microsoft:srv3-cluster1-csv-target";
  return [
    {
      id: "domain",
      title: "The domain and its members",
      what: "Open All connections and look at the estate: DC1 is the domain controller of contoso.com; HV1 and HV2 are Hyper-V hosts with the Failover Clustering feature; SRV3 has the iSCSI Target Server role and four empty data disks.",
      why: "Live migration in a cluster rests on Active Directory: the nodes and the cluster are computer accounts of one domain, and the storage server is a member too. Nothing is clustered or shared yet; the next steps build it.",
      links: [{ label: "Open All connections", href: "/" }],
      powershell:
        "Get-ADComputer -Filter * | Select-Object Name, DNSHostName\nGet-WindowsFeature -ComputerName HV1 Hyper-V, Failover-Clustering",
      check: check(members),
    },
    {
      id: "cluster",
      title: "Validate and create the cluster",
      what: "Add > Server cluster (create new): choose HV1 and HV2, run Validate and read the report, then name the cluster CLUSTER1 with the static address 10.0.0.20 and a file share witness on DC1.",
      why: "Validation (Test-Cluster) checks what a cluster needs: one domain, one Windows edition, networks in common, storage every node reaches, the Hyper-V role. Failed tests block the cluster; the warning about storage is expected here, since the shared disk comes next.",
      links: [{ label: "Open Create cluster", href: "/?add=cluster" }],
      powershell: newClusterScript({
        name: "CLUSTER1",
        nodes: [...NODES],
        staticAddress: "10.0.0.20",
        witness: { type: "fileShare", path: "\\\\DC1\\Witness" },
        noStorage: true,
      }),
      check: check(clustered),
    },
    {
      id: "virtual-disk",
      title: "The iSCSI target server's virtual disk",
      what: "On SRV3's iSCSI Target Server tool, create a new iSCSI virtual disk on disk 1: E:\\iSCSIVirtualDisks\\CSV1.vhdx, 500 GB, fixed size.",
      why: "The VM's disk must be where every node reaches it. SRV3 turns a VHDX file on its own data disk into a disk that others reach over the network (iSCSI); a fixed disk takes its space at once and performs best.",
      links: [{ label: "Open SRV3's iSCSI Target Server", href: srv3Tool }],
      powershell: newIscsiVirtualDiskScript({
        server: STORAGE,
        path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx",
        sizeGiB: 500,
        type: "Fixed",
      }),
      check: check(vdisk),
    },
    {
      id: "target",
      title: "The target and its initiators",
      what: "Still on SRV3, create a new iSCSI target named cluster1-csv that allows HV1's and HV2's initiators and maps the virtual disk.",
      why: "A target is what initiators log on to; it lists the initiators (by IQN) allowed to connect and the virtual disks they then see. Only the two nodes may reach this disk: any other computer writing to it would corrupt it.",
      links: [{ label: "Open SRV3's iSCSI Target Server", href: srv3Tool }],
      powershell: newIscsiTargetScript({
        server: STORAGE,
        name: "cluster1-csv",
        initiators: [hv1, hv2].flatMap((h) => (h ? [initiatorIqn(h.fqdn)] : [])),
        virtualDiskPaths: ["E:\\iSCSIVirtualDisks\\CSV1.vhdx"],
      }),
      check: check(targeted),
    },
    {
      id: "initiators",
      title: "Connect the initiators on both nodes",
      what: `On HV1 and then HV2, open the iSCSI Initiator: discover the portal ${PORTAL} (SRV3's storage network), connect the target, and on the first node bring the disk online.`,
      why: "Each node logs on to the target with a persistent session, so the disk comes back after a restart. The disk is initialized and formatted once; Windows keeps it offline elsewhere until the cluster owns it.",
      links: [
        { label: "Open HV1's iSCSI Initiator", href: hv1 ? `/servers/${hv1.id}/iscsi-initiator` : "/" },
        { label: "Open HV2's iSCSI Initiator", href: hv2 ? `/servers/${hv2.id}/iscsi-initiator` : "/" },
      ],
      powershell: [
        ...NODES.flatMap((node) => [
          discoverPortalScript({ node, address: PORTAL }),
          connectTargetScript({ node, targetIqn, portal: PORTAL }),
        ]),
        bringDiskOnlineScript({ node: "HV1", targetIqn, label: "CSV1", format: true }),
      ].join("\n"),
      check: check(connected),
    },
    {
      id: "csv",
      title: "Add the disk to Cluster Shared Volumes",
      what: "In CLUSTER1's Volumes: Add disk (it shows once both nodes reach it), then Add to Cluster Shared Volumes.",
      why: "A clustered disk is owned by one node at a time; a Cluster Shared Volume is mounted on every node at once, under C:\\ClusterStorage\\Volume1. That is what lets a VM run on either node without moving its files.",
      links: [
        { label: "Open the cluster's Volumes", href: cluster ? `/clusters/${cluster.id}/volumes` : "/" },
      ],
      powershell: [
        addClusterDiskScript({ cluster: "CLUSTER1" }),
        addCsvScript({ cluster: "CLUSTER1", disk: "Cluster Disk 1" }),
      ].join("\n"),
      check: check(csv),
    },
    {
      id: "vm",
      title: "Create a highly available VM on the CSV",
      what: `In CLUSTER1's Virtual machines: Add > New, a VM named WEB03 on HV1 with its files on ${csvPath}, made highly available. Then start it.`,
      why: "Highly available means the cluster owns the VM as a role: it restarts it on another node if its node fails, and moves it on request. The cluster refuses to do so for a VM whose files only one node can reach.",
      links: [{ label: "Open the cluster's Virtual machines", href: clusterVms }],
      powershell: newVmScript({
        name: "WEB03",
        host: "HV1",
        generation: 2,
        memoryMiB: 4096,
        dynamicMemory: null,
        vcpus: 2,
        switchName: "Production",
        folder: csvPath,
        vhdPath: `${csvPath}\\WEB03\\Virtual Hard Disks\\WEB03.vhdx`,
        vhdSizeGiB: 127,
        cluster: "CLUSTER1",
      }),
      check: check(ha),
    },
    {
      id: "migrate",
      title: "Live-migrate it in Failover Cluster Manager and watch its passes",
      what: `Start ${vmName} if it is off, then Manage > Move: a live migration to the other node, started from Failover Cluster Manager. Watch the pre-copy passes on the migration page.`,
      why: "Only memory and device state cross the network: the disk stays on the CSV both nodes see. Pass 1 copies all memory while the VM runs; each later pass sends what the VM wrote meanwhile, until little is left and the blackout is a fraction of a second.",
      links: [
        { label: "Open the cluster's Virtual machines", href: clusterVms },
        ...(lastMove ? [{ label: "Open the migration", href: `/migrations/${lastMove.id}` }] : []),
      ],
      powershell: powershellFor({
        kind: "live",
        vmName,
        sourceHost: owner,
        destinationHost: owner === "HV1" ? "HV2" : "HV1",
        clusterName: "CLUSTER1",
        startedFrom: "failover-cluster-manager",
        storagePath: null,
        switchMap: {},
        sourceSwitches: [],
      }),
      check: check(moved),
    },
  ];
}

// ---- why a migration does not converge ------------------------------------------------------------

const HUNGRY = "ANALYTICS01";
/** A blackout the lesson's second move comes under only with the fast link (the first takes minutes). */
const FAST_BLACKOUT_MS = 30_000;

function nonConvergenceSteps(f: LabFacts): LabStep[] {
  const vm = f.vms.find((v) => v.name === HUNGRY);
  const cluster = f.clusters.find((c) => vm && c.nodeIds.includes(vm.hostId));
  const nodes = f.hosts.filter((h) => cluster?.nodeIds.includes(h.id));
  const moves = f.migrations.filter((m) => m.vmName === HUNGRY && m.kind === "live");
  const vms = cluster ? `/clusters/${cluster.id}/vms` : "/";
  const owner = vm ? nameOf(f, vm.hostId) : "HV1";
  const other = owner === "HV1" ? "HV2" : "HV1";
  const moveScript = powershellFor({
    kind: "live",
    vmName: HUNGRY,
    sourceHost: owner,
    destinationHost: other,
    clusterName: cluster?.name ?? "CLUSTER1",
    startedFrom: "failover-cluster-manager",
    storagePath: null,
    switchMap: {},
    sourceSwitches: [],
  });
  const movesOf = (reason: string) => moves.filter((m) => m.reason === reason);
  const running = moves.some((m) => m.status === "running" || m.status === "queued");
  const nodeNames = nodes.length > 0 ? nodes.map((h) => h.name) : ["HV1", "HV2"];
  const noNodes = "The cluster's nodes are not in the inventory: start the lesson again.";

  const capped: string[] = [];
  if (!vm) capped.push(`${HUNGRY} is not in the inventory: start the lesson again.`);
  else if (movesOf("pass-cap").length === 0) {
    capped.push(
      running
        ? `The move of ${HUNGRY} is running: watch each pass resend about as much as the one before.`
        : `Live-migrate ${HUNGRY} (running, 64 GB, analytics) to ${other} and let the move end.`,
    );
  }

  // The hardware: only the lab's own change gives the nodes RDMA adapters.
  const rdma: string[] = nodes.length === 0 ? [noNodes] : [];
  for (const h of nodes) {
    const nics = h.liveMigrationNics;
    if (nics.length === 0) rdma.push(`${h.name} has no live-migration adapter.`);
    else if (!nics.every((n) => n.rdma)) {
      const speeds = [...new Set(nics.map((n) => formatSpeed(n.speedMbps)))].join(", ");
      rdma.push(`${h.name}'s live-migration adapters (${speeds}) have no RDMA.`);
    }
  }

  // The setting: each node's Settings tool, Performance options.
  const smb: string[] = nodes.length === 0 ? [noNodes] : [];
  for (const h of nodes) {
    if (h.performanceOption !== "SMB") {
      const now = h.performanceOption ? PERFORMANCE_LABELS[h.performanceOption] : "not set";
      smb.push(`${h.name}'s performance option is ${now}: choose SMB in ${h.name}'s Settings and Save.`);
    }
  }

  const fast: string[] = [];
  const quick = (m: (typeof moves)[number]) =>
    m.status === "succeeded" && m.downtimeMs !== null && m.downtimeMs < FAST_BLACKOUT_MS;
  if (rdma.length > 0) fast.push("Give the nodes RDMA adapters first (step 2).");
  else if (smb.length > 0) fast.push("Choose SMB on both nodes first (step 3).");
  else if (!moves.some(quick)) {
    fast.push(
      running
        ? `The move of ${HUNGRY} is running: watch how much faster each pass goes.`
        : `Live-migrate ${HUNGRY} again, now over SMB Direct.`,
    );
  }
  return [
    {
      id: "cap",
      title: "Watch a memory-hungry VM fail to converge on 1 GbE",
      what: `Live-migrate ${HUNGRY} to ${other}, started from Failover Cluster Manager, and watch the pass chart. Pick a high speed in Options to see the end sooner.`,
      why: "Each pass resends what the VM dirtied while the previous pass ran. On 1 GbE with TCP/IP, ANALYTICS01 writes its memory about as fast as the link carries it, so the passes never shrink: the move stops at the pass cap and the rest crosses during a long blackout (event 20417).",
      links: [{ label: "Open the cluster's Virtual machines", href: vms }],
      powershell: moveScript,
      check: check(capped),
    },
    {
      id: "rdma",
      title: "Install RDMA adapters in the nodes (the lab's change)",
      what: "Replace the nodes' 1 GbE live-migration adapters with 25 GbE adapters that do RDMA. No form does this, since it is new hardware: the lab's button below stands for the datacenter team's visit.",
      why: "SMB Direct needs RDMA adapters at both ends: they move memory straight between the hosts' RAM at close to line rate, with almost no CPU. A link many times faster than the VM's dirty rate lets each pass shrink.",
      links: nodes.map((h) => ({ label: `Open ${h.name}'s Overview`, href: `/servers/${h.id}` })),
      powershell: `# New hardware: no cmdlet installs it. Once it is in, this lists the adapters with RDMA on.\nGet-NetAdapterRdma -CimSession ${nodeNames.join(",")} | Where-Object Enabled`,
      check: check(rdma),
      action: {
        id: "rdma-adapters",
        label: "Install 25 GbE RDMA adapters (the lab's change)",
        note: "This is the lab's own change, not a Windows Admin Center form: it swaps both nodes' live-migration adapters for 25 GbE RDMA ones, as new hardware would. Refused while a move runs between them.",
      },
    },
    {
      id: "smb",
      title: "Choose SMB as the performance option on both nodes",
      what: `In each node's Settings (Hyper-V Host Settings, Advanced), choose SMB under Performance options and Save: ${nodeNames.join(" and ")}.`,
      why: "The performance option decides how live migration sends memory: TCP/IP on one connection, Compression spending CPU to send fewer bytes, or SMB, which uses SMB Direct over RDMA adapters and SMB Multichannel across every adapter. Without SMB the new adapters carry the move as plain TCP/IP. A saved change applies to the next move.",
      links: nodes.map((h) => ({ label: `Open ${h.name}'s Settings`, href: `/servers/${h.id}/settings` })),
      powershell: nodeNames
        .map((name) =>
          hostSettingsPowerShell(
            name,
            { ...DEFAULT_HOST_SETTINGS, performanceOption: "TCPIP" },
            { ...DEFAULT_HOST_SETTINGS, performanceOption: "SMB" },
          ),
        )
        .join("\n"),
      check: check(smb),
    },
    {
      id: "again",
      title: "Move it again over SMB Direct and compare",
      what: `Live-migrate ${HUNGRY} again, started from Failover Cluster Manager, and compare its passes, total time and blackout with the first move's on the Migrations page.`,
      why: "The same passes now run about 25 times faster, so the blackout falls from minutes to a few seconds. It still stops at the pass cap: this VM rewrites memory at nearly what even 25 GbE carries. Only a workload that writes less, or more bandwidth, gets it under a second.",
      links: [
        { label: "Open the cluster's Virtual machines", href: vms },
        { label: "Open Migrations", href: "/migrations" },
      ],
      powershell: moveScript,
      check: check(fast),
    },
  ];
}

// ---- CredSSP vs Kerberos -------------------------------------------------------------------------

/** The lesson's move: APP01, a standalone VM on HV3, to HV1, started from the gateway. */
const KCD = { vm: "APP01", source: "HV3", destination: "HV1" } as const;
/** A shared-nothing move takes the VM's files along: it needs both services (docs/hyperv.md). */
const KCD_SERVICES = [MIGRATION_SERVICE, CIFS_SERVICE] as const;
const DC_ROLE = "Active Directory Domain Services";

/**
 * What `state` still lacks for the lesson's move, a move started away from the source: delegation
 * to specified services, protocol transition, and both services on the destination.
 */
export function delegationMissing(
  state: DelegationState | undefined,
  source: string,
  destination: { id: number; name: string },
): string[] {
  const missing: string[] = [];
  if (state?.mode !== "specified") {
    missing.push(
      state?.mode === "any-service"
        ? `${source} is trusted for delegation to any service (Kerberos only), which has no protocol transition: choose "${DELEGATION_LABELS.specified}".`
        : `${source}'s computer account is not trusted for delegation: choose "${DELEGATION_LABELS.specified}".`,
    );
  }
  if (!(state?.mode === "specified" && state.anyProtocol)) {
    missing.push(
      `${source} does not "${PROTOCOL_LABELS.any}": select it (a move started from the gateway reaches ${source} through WinRM, which cannot pass a Kerberos ticket on).`,
    );
  }
  const delegated = state?.mode === "specified" ? state.services : [];
  for (const service of KCD_SERVICES) {
    const has = delegated.some(
      (s) => s.toHostId === destination.id && s.service.toLowerCase() === service.toLowerCase(),
    );
    if (!has) missing.push(`${source} does not delegate "${service}" on ${destination.name}: add it.`);
  }
  return missing;
}

function kerberosSteps(f: LabFacts): LabStep[] {
  const vm = f.vms.find((v) => v.name === KCD.vm);
  const source = byName(f, KCD.source);
  const destination = byName(f, KCD.destination);
  const dc = f.hosts.find((h) => h.roles.includes(DC_ROLE));
  const account = f.accounts.find((a) => a.hostId === source?.id);
  const vmsTool = source ? `/servers/${source.id}/vms` : "/";
  const settingsOf = (h: LabFacts["hosts"][number]) => ({
    label: `Open ${h.name}'s Settings`,
    href: `/servers/${h.id}/settings`,
  });
  const moves = f.migrations.filter(
    (m) =>
      m.vmName === KCD.vm &&
      m.kind === "shared-nothing" &&
      m.sourceHostId === source?.id &&
      m.destinationHostId === destination?.id,
  );
  const fromGateway = moves.filter((m) => m.startedFrom === "admin-center");
  const moved = fromGateway.some((m) => m.status === "succeeded");
  const gone = "start the lesson again.";

  // 1. The starting point the failure is shown on (nothing to build: it passes from the start).
  const ready: string[] = [];
  for (const [name, h] of [
    [KCD.source, source],
    [KCD.destination, destination],
  ] as const) {
    if (!h) ready.push(`${name} is not in the inventory: ${gone}`);
    else if (h.state !== "Up") ready.push(`${name} is ${h.state}: the lesson needs it up.`);
    else if (!h.liveMigrations)
      ready.push(
        `${name}'s live migrations are off: tick "Enable incoming and outgoing live migrations" in its Settings.`,
      );
  }
  if (!vm) ready.push(`${KCD.vm} is not in the inventory: ${gone}`);
  else if (!moved && vm.hostId !== source?.id) {
    ready.push(`${KCD.vm} runs on ${nameOf(f, vm.hostId)}, not ${KCD.source}: ${gone}`);
  } else if (!moved && vm.state !== "Running") {
    ready.push(`${KCD.vm} is ${vm.state}: start it (the lesson live-migrates a running VM).`);
  }

  // 2. Kerberos on both hosts.
  const kerberos: string[] = [];
  for (const h of [source, destination]) {
    if (h && h.authentication !== "Kerberos") {
      kerberos.push(
        `${h.name} authenticates live migrations with ${h.authentication ?? "no protocol"}: choose "${AUTH_LABELS.Kerberos}" in ${h.name}'s Settings and Save.`,
      );
    }
  }
  if (!source || !destination) kerberos.push(`The lesson's hosts are not in the inventory: ${gone}`);

  // 3. The constrained delegation in Active Directory.
  const delegation = destination
    ? delegationMissing(account?.delegation, KCD.source, destination)
    : [`${KCD.destination} is not in the inventory: ${gone}`];

  // 4. The change in HV3's Kerberos tickets.
  const tickets: string[] = [];
  if (delegation.length > 0) tickets.push("Add the delegation in Active Directory first (step 3).");
  else if (destination && delegationMissing(account?.tickets, KCD.source, destination).length > 0) {
    const left = account?.pendingUntil ? Date.parse(account.pendingUntil) - Date.parse(f.now) : null;
    tickets.push(
      `${KCD.source}'s Kerberos tickets still carry its earlier delegation: the change takes effect${left !== null && left > 0 ? ` in ${formatSeconds(left)}` : ""} on the lab clock (replication and a new ticket), or now with "Purge Kerberos tickets" in ${KCD.source}'s Settings.`,
    );
  }

  // 5. The same move, from the gateway.
  const move: string[] = [];
  const last = fromGateway.at(-1);
  if (!moved) {
    if (kerberos.length > 0) move.push("Switch both hosts to Kerberos first (step 2).");
    else if (delegation.length > 0) move.push("Add the delegation in Active Directory first (step 3).");
    else if (tickets.length > 0)
      move.push(`Let the delegation reach ${KCD.source}'s tickets first (step 4).`);
    else if (last && (last.status === "running" || last.status === "queued")) {
      move.push(
        `The move of ${KCD.vm} to ${KCD.destination} is ${last.status}: watch it until it completes.`,
      );
    } else if (vm && vm.hostId !== source?.id) {
      move.push(`${KCD.vm} is no longer on ${KCD.source}: ${gone}`);
    } else {
      if (last)
        move.push(`The last move of ${KCD.vm} to ${KCD.destination} did not complete: start it again.`);
      move.push(
        `Move ${KCD.vm} to ${KCD.destination}: Manage > Move in ${KCD.source}'s Virtual machines, started from ${startedFromPhrase("admin-center", KCD.source)}.`,
      );
    }
  }

  const script = (startedFrom: "admin-center" | "source-session") =>
    powershellFor({
      kind: "shared-nothing",
      vmName: KCD.vm,
      sourceHost: KCD.source,
      destinationHost: KCD.destination,
      clusterName: null,
      startedFrom,
      storagePath: defaultStoragePathFor(KCD.vm),
      switchMap: {},
      sourceSwitches: [],
    });
  const hostNames = new Map(f.hosts.map((h) => [h.id, { name: h.name, fqdn: h.fqdn }]));
  const wanted: DelegationState = {
    mode: "specified",
    anyProtocol: true,
    services: destination ? KCD_SERVICES.map((service) => ({ service, toHostId: destination.id })) : [],
  };
  const notTrusted: DelegationState = { mode: "none", anyProtocol: false, services: [] };
  const gateway = startedFromPhrase("admin-center", KCD.source);

  return [
    {
      id: "credssp",
      title: "See CredSSP refuse a move started from the gateway",
      what: `In ${KCD.source}'s Virtual machines, select ${KCD.vm} and Manage > Move: ${KCD.destination} as the destination, started from ${gateway} (the default). On Review the compatibility report refuses it with Hyper-V's text, "${credSspNotRecognizedText(KCD.destination)}", and Move stays off. Under Options, "${startedFromLabel("source-session", KCD.source)}" clears the report. Cancel: the next steps make the move work from the gateway.`,
      why: `CredSSP hands your credentials to the computer you connect to, and that computer cannot pass them on. From the gateway, ${KCD.source} is already the second hop, so it has nothing to offer ${KCD.destination}; in a session signed in on ${KCD.source} (its console or Remote Desktop) it is the first hop and the move works. So with CredSSP a move must be started on the source host.`,
      links: [{ label: `Open ${KCD.source}'s Virtual machines`, href: vmsTool }],
      powershell: [
        "# From the gateway: refused while the hosts use CredSSP",
        script("admin-center"),
        `# In a session signed in on ${KCD.source}: CredSSP allows it`,
        script("source-session"),
      ].join("\n"),
      check: check(ready),
    },
    {
      id: "kerberos",
      title: "Switch both hosts to Kerberos",
      what: `In ${KCD.source}'s Settings, under Advanced, choose "${AUTH_LABELS.Kerberos}" as the authentication protocol and Save; ${KCD.destination}'s Settings must say the same. Then review the move again: still refused, now with Kerberos' text, "${kerberosDelegationText(KCD.destination)}"`,
      why: `With Kerberos, ${KCD.source} asks for tickets to ${KCD.destination}'s services on your behalf, so the move no longer has to start on ${KCD.source}. But a host may do that only for the services its computer account is trusted to delegate to, and ${KCD.source}'s account delegates nothing yet. Both hosts use the same protocol, since either may be a move's source.`,
      links: [source, destination].flatMap((h) => (h ? [settingsOf(h)] : [])),
      powershell: [KCD.source, KCD.destination]
        .map((name) =>
          hostSettingsPowerShell(
            name,
            { ...DEFAULT_HOST_SETTINGS, authentication: "CredSSP" },
            { ...DEFAULT_HOST_SETTINGS, authentication: "Kerberos" },
          ),
        )
        .join("\n"),
      check: check(kerberos),
    },
    {
      id: "delegation",
      title: `Delegate ${KCD.source} to ${KCD.destination} in Active Directory`,
      what: `In ${dc?.name ?? "the domain controller"}'s Active Directory tool, open ${KCD.source}'s Properties, Delegation tab: "${DELEGATION_LABELS.specified}", "${PROTOCOL_LABELS.any}", and add ${KCD.destination}'s "${MIGRATION_SERVICE}" and "${CIFS_SERVICE}". Apply.`,
      why: `Constrained delegation names the services ${KCD.source} may reach for you: the migration service moves the VM, cifs lets ${KCD.source} write its files on ${KCD.destination}, which a shared-nothing move takes along. "${PROTOCOL_LABELS.any}" (protocol transition) is needed because a move started from the gateway reaches ${KCD.source} through WinRM (Windows Server 2016 and later), which cannot pass your Kerberos ticket on. ${KCD.destination}'s account already delegates the same services on ${KCD.source}, for moves back.`,
      links: dc
        ? [{ label: `Open ${dc.name}'s Active Directory`, href: `/servers/${dc.id}/active-directory` }]
        : [],
      powershell: delegationPowerShell(KCD.source, hostNames, notTrusted, wanted),
      check: check(delegation),
    },
    {
      id: "tickets",
      title: `Let the change reach ${KCD.source}'s Kerberos tickets`,
      what: `The delegation is in Active Directory, not yet in ${KCD.source}'s tickets: the move is still refused, and the report says a change is pending. Wait for replication and a new ticket (the domain's delay on the lab clock), or purge ${KCD.source}'s tickets now: ${KCD.source}'s Settings > Purge Kerberos tickets.`,
      why: `A host carries its delegation in the Kerberos ticket of its own computer account. A change takes effect after Active Directory replicates it and the host gets a new ticket, up to 15 minutes; purging the host's system tickets (klist purge -li 0x3e7) makes the next ticket carry it at once.`,
      links: source ? [settingsOf(source)] : [],
      powershell: purgeTicketsPowerShell(KCD.source),
      check: check(tickets),
    },
    {
      id: "move",
      title: "Move it from the gateway",
      what: `Manage > Move ${KCD.vm} to ${KCD.destination} again, started from ${gateway}: the report is clean. Move, and watch it complete.`,
      why: `${KCD.source} now reaches ${KCD.destination}'s migration service and file share with its own ticket, on your behalf: the move no longer has to start on ${KCD.source}. It is a shared-nothing live migration: the VM's memory and its disks cross to ${KCD.destination} while it runs.`,
      links: [
        { label: `Open ${KCD.source}'s Virtual machines`, href: vmsTool },
        ...(last ? [{ label: "Open the migration", href: `/migrations/${last.id}` }] : []),
      ],
      powershell: script("admin-center"),
      check: check(move),
    },
  ];
}

export const LESSONS: readonly Lesson[] = [
  {
    id: "build",
    title: "Build a cluster and live-migrate a VM",
    summary:
      "From a bare domain: validate and create a two-node cluster, give it iSCSI storage and a Cluster Shared Volume, create a highly available VM on it, and live-migrate it.",
    scenario: "bare-domain",
    steps: buildSteps,
    questions: ["storage", "credssp", "precopy-end", "quick-cost"],
  },
  {
    id: "non-convergence",
    title: "Why a migration does not converge",
    summary:
      "From a ready cluster on 1 GbE TCP/IP: watch a memory-hungry VM stop at the pass cap, then give the nodes RDMA adapters and the SMB performance option and move it again.",
    scenario: "non-convergence",
    steps: nonConvergenceSteps,
    questions: ["non-convergence", "precopy-end"],
  },
  {
    id: "kerberos",
    title: "CredSSP vs Kerberos",
    summary:
      "A move started from the gateway fails under CredSSP, then under Kerberos without delegation. Add the constrained delegation in Active Directory, let it reach the host's Kerberos tickets, and the same move succeeds.",
    scenario: "host-settings",
    steps: kerberosSteps,
    questions: ["credssp", "kerberos-delegation", "delegation-wait"],
  },
];

export const LESSON_IDS = LESSONS.map((l) => l.id) as [string, ...string[]];

export function lessonNamed(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
