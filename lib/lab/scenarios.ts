// The lab's named estates. One module builds every estate: the seed (`npm run db:seed -- --scenario
// NAME`), the control API's reset, the tests and the screenshot deck all take them from here.
// Each is the demo estate (prisma/estate.ts) or a variation of it, so the same names and ids
// hold across scenarios; a scenario may also start moves once it is written (`moves`).
import { buildBareDomainEstate, buildDemoEstate, type Estate, SEED_EPOCH } from "../../prisma/estate";
import { CIFS_SERVICE, MIGRATION_SERVICE } from "../hyperv/vocabulary";
import { WORKLOADS } from "../hyperv/workloads";
import type { StartMigrationInput } from "../schemas/migration";

export interface Scenario {
  name: string;
  title: string;
  /** What it is for, in a sentence or two (GET /api/lab/scenarios). */
  description: string;
  build: () => Estate;
  /** Moves the scenario starts once its estate is written, by VM and host names. */
  moves?: {
    vm: string;
    kind: StartMigrationInput["kind"];
    to: string;
    startedFrom: StartMigrationInput["startedFrom"];
  }[];
}

const byName = <T extends { name: string; id?: number | null }>(rows: T[], name: string): T => {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`the demo estate has no ${name}`);
  return row;
};

/** The demo estate with CLUSTER1's nodes moving over 1 GbE with TCP/IP (no compression, no RDMA). */
function nonConvergence(): Estate {
  const e = buildDemoEstate();
  const nodes = new Set(["HV1", "HV2"].map((n) => byName(e.hosts, n).id));
  for (const a of e.adapters) {
    if (nodes.has(a.hostId) && a.purpose === "LiveMigration")
      Object.assign(a, { speedMbps: 1_000, rdma: false });
  }
  for (const s of e.settings) if (nodes.has(s.hostId)) s.performanceOption = "TCPIP";
  return e;
}

/** CLUSTER1 allows one live migration at a time; the scenario starts two from HV1, so one waits. */
function limits(): Estate {
  const e = buildDemoEstate();
  for (const c of e.clusters) c.maxParallelMigrations = 1;
  return e;
}

/** No delegation anywhere: HV3 uses Kerberos without it, the cluster nodes CredSSP. */
function authFailures(): Estate {
  const e = buildDemoEstate();
  e.delegations = [];
  for (const a of e.accounts) Object.assign(a, { delegation: "none", anyProtocol: false });
  const hv3 = byName(e.hosts, "HV3").id;
  for (const s of e.settings) s.authentication = s.hostId === hv3 ? "Kerberos" : "CredSSP";
  return e;
}

const nextId = (rows: { id?: number | null }[]) => rows.reduce((m, r) => Math.max(m, r.id ?? 0), 0) + 1;
const hoursBefore = (h: number) => new Date(SEED_EPOCH.getTime() - h * 3_600_000);

/** A running VM on local storage, as the demo's standalone VMs are. */
function addLocalVm(
  e: Estate,
  spec: { name: string; hostId: number; memoryGiB: number; processorCompatibility?: boolean },
): void {
  const id = nextId(e.vms);
  const w = WORKLOADS.web;
  e.vms.push({
    id,
    name: spec.name,
    state: "Running",
    hostId: spec.hostId,
    memoryMiB: spec.memoryGiB * 1024,
    memoryDemandMiB: Math.round(spec.memoryGiB * 1024 * 0.8),
    vcpus: 2,
    processorCompatibility: spec.processorCompatibility ?? false,
    cpuUsagePercent: 4,
    heartbeat: "OK",
    uptimeStart: hoursBefore(20),
    workload: "web",
    hotSetMiB: w.hotSetMiB,
    writesPerSecond: w.writesPerSecond,
    coldMiBPerSecond: w.coldMiBPerSecond,
    createdAt: hoursBefore(24 * 30),
    updatedAt: hoursBefore(1),
  });
  const adapterId = nextId(e.vmAdapters);
  const mac = `00-15-5D-00-0F-${adapterId.toString(16).padStart(2, "0").toUpperCase()}`;
  e.vmAdapters.push({ id: adapterId, vmId: id, switchName: "Production", macAddress: mac });
  e.vmDisks.push({
    id: nextId(e.vmDisks),
    vmId: id,
    path: `D:\\Hyper-V\\Virtual Hard Disks\\${spec.name}.vhdx`,
    sizeGiB: 60,
    usedGiB: 12,
    location: "Local",
  });
}

/**
 * The Settings and Active Directory lessons: the demo plus HV5, a second AMD host (live migrations
 * on, CredSSP) running LAB-AMD02, so a VM can move to HV4 once HV4's live migrations are on; and
 * UTIL01 on HV1, a VM outside the cluster that may move to HV3 (HV1 delegates to HV3).
 */
function hostSettings(): Estate {
  const e = buildDemoEstate();
  const domainId = byName(e.hosts, "HV4").domainId;
  const hv1 = byName(e.hosts, "HV1").id as number;
  const hv3 = byName(e.hosts, "HV3").id as number;
  const hv5 = nextId(e.hosts);
  e.hosts.push({
    id: hv5,
    name: "HV5",
    fqdn: "hv5.contoso.com",
    managementIp: "10.0.0.16",
    osVersion: "Windows Server 2022 Datacenter",
    osBuild: "10.0.20348",
    cpuVendor: "AMD",
    cpuModel: "AMD EPYC 7443 24-Core Processor",
    cpuFeatureLevel: "Zen 3",
    logicalProcessors: 48,
    memoryMiB: 128 * 1024,
    hostReservedMiB: 6 * 1024,
    cpuUsagePercent: 5,
    roles: JSON.stringify(["Hyper-V"]),
    tags: JSON.stringify(["lab"]),
    bootTime: hoursBefore(24 * 3),
    createdAt: hoursBefore(24 * 30),
    domainId,
  });
  e.adapters.push({
    id: nextId(e.adapters),
    hostId: hv5,
    name: "Management",
    description: "Broadcom BCM57414 NetXtreme-E 10Gb",
    speedMbps: 10_000,
    ipAddress: "10.0.0.16",
    prefixLength: 24,
    purpose: "Management",
  });
  const uplink = nextId(e.adapters);
  e.adapters.push({
    id: uplink,
    hostId: hv5,
    name: "Ethernet 2",
    description: "Broadcom BCM57414 NetXtreme-E 10Gb #2",
    speedMbps: 10_000,
    ipAddress: "192.168.10.16",
    prefixLength: 24,
    purpose: "LiveMigration",
  });
  e.switches.push({
    id: nextId(e.switches),
    hostId: hv5,
    name: "Production",
    type: "External",
    adapterId: uplink,
  });
  e.settings.push({
    hostId: hv5,
    enabled: true,
    maxLiveMigrations: 2,
    maxStorageMigrations: 2,
    authentication: "CredSSP",
    performanceOption: "Compression",
    useAnyNetwork: true,
    maxPasses: 10,
  });
  e.accounts.push({ hostId: hv5 });
  addLocalVm(e, { name: "LAB-AMD02", hostId: hv5, memoryGiB: 4 });
  // Ice Lake to Cascade Lake needs processor compatibility.
  addLocalVm(e, { name: "UTIL01", hostId: hv1, memoryGiB: 4, processorCompatibility: true });
  for (const service of [MIGRATION_SERVICE, CIFS_SERVICE]) {
    e.delegations.push({ id: nextId(e.delegations), fromHostId: hv1, service, toHostId: hv3 });
  }
  return e;
}

/** The domain alone: no server, cluster, storage or VM yet. */
function empty(): Estate {
  const e = buildDemoEstate();
  return { ...emptyOf(e), domains: e.domains };
}

function emptyOf(e: Estate): Estate {
  return Object.fromEntries(Object.keys(e).map((k) => [k, []])) as unknown as Estate;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "demo",
    title: "The demo estate",
    description:
      "contoso.com: HV1 and HV2 in CLUSTER1 on an iSCSI CSV served by SRV3, standalone HV3, HV4 (AMD, migrations off) and a dozen VMs.",
    build: buildDemoEstate,
  },
  {
    name: "empty",
    title: "An empty domain",
    description: "contoso.com with no server, cluster or VM: add them as a new operator would.",
    build: empty,
  },
  {
    name: "bare-domain",
    title: "A bare domain for the guided lab",
    description:
      "contoso.com with DC1 and three member servers: HV1 and HV2 (Hyper-V, Failover Clustering feature) and SRV3 (iSCSI Target Server) with four empty data disks. No cluster, no shared storage, no VM: the guided lab builds them.",
    build: buildBareDomainEstate,
  },
  {
    name: "non-convergence",
    title: "A migration that cannot converge",
    description:
      "The demo estate with CLUSTER1's live-migration network on 1 GbE and TCP/IP: ANALYTICS01 (64 GB, analytics) dirties memory faster than the link carries it.",
    build: nonConvergence,
  },
  {
    name: "limits",
    title: "A host at its simultaneous-migration limit",
    description:
      "CLUSTER1 allows one live migration at a time; SQL01 is moving to HV2 and WEB01 waits in the queue behind it.",
    build: limits,
    moves: [
      { vm: "SQL01", kind: "live", to: "HV2", startedFrom: "failover-cluster-manager" },
      { vm: "WEB01", kind: "live", to: "HV2", startedFrom: "failover-cluster-manager" },
    ],
  },
  {
    name: "auth-failures",
    title: "CredSSP and Kerberos without delegation",
    description:
      "No constrained delegation in the domain; HV3 authenticates with Kerberos, the cluster nodes with CredSSP. Moves started from the gateway fail as Hyper-V fails them.",
    build: authFailures,
  },
  {
    name: "host-settings",
    title: "Host settings and delegation lessons",
    description:
      "The demo estate plus HV5 (AMD, live migrations on) running LAB-AMD02, which can move to HV4 once HV4's live migrations are on, and UTIL01 on HV1, outside the cluster, which HV1 may move to HV3.",
    build: hostSettings,
  },
];

export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name) as [string, ...string[]];

export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
