// The seed estate as plain rows with fixed ids: pure and deterministic, so tests can check its
// invariants without a database and the seed writes it with createMany.
import type { Prisma } from "../generated/prisma/client";
import { switchMissingEventText } from "../lib/hyperv/failure-texts";
import { CHANNEL, CIFS_SERVICE, MIGRATION_SERVICE } from "../lib/hyperv/vocabulary";
import { WORKLOADS, type WorkloadName } from "../lib/hyperv/workloads";

/** Every date in the seed is relative to this instant, so two seeds give identical rows. */
export const SEED_EPOCH = new Date("2026-11-20T08:00:00Z");
const hoursAgo = (h: number) => new Date(SEED_EPOCH.getTime() - h * 3_600_000);
const GiB = 1024; // MiB

export interface Estate {
  domains: Prisma.DomainCreateManyInput[];
  clusters: Prisma.ClusterCreateManyInput[];
  hosts: Prisma.HostCreateManyInput[];
  adapters: Prisma.NetworkAdapterCreateManyInput[];
  switches: Prisma.VirtualSwitchCreateManyInput[];
  settings: Prisma.MigrationSettingsCreateManyInput[];
  migrationNetworks: Prisma.MigrationNetworkCreateManyInput[];
  delegations: Prisma.DelegationCreateManyInput[];
  /** Computer accounts' Delegation tabs (a host without one is treated as its Delegation rows say). */
  accounts: Prisma.ComputerAccountCreateManyInput[];
  clusterNetworks: Prisma.ClusterNetworkCreateManyInput[];
  dataDisks: Prisma.DataDiskCreateManyInput[];
  iscsiTargets: Prisma.IscsiTargetCreateManyInput[];
  iscsiInitiators: Prisma.IscsiInitiatorCreateManyInput[];
  iscsiVirtualDisks: Prisma.IscsiVirtualDiskCreateManyInput[];
  iscsiPortals: Prisma.IscsiTargetPortalCreateManyInput[];
  iscsiConnections: Prisma.IscsiConnectionCreateManyInput[];
  volumes: Prisma.ClusterSharedVolumeCreateManyInput[];
  vms: Prisma.VmCreateManyInput[];
  vmAdapters: Prisma.VmNetworkAdapterCreateManyInput[];
  vmDisks: Prisma.VmDiskCreateManyInput[];
  events: Prisma.EventLogEntryCreateManyInput[];
}

function emptyEstate(): Estate {
  return {
    domains: [],
    clusters: [],
    hosts: [],
    adapters: [],
    switches: [],
    settings: [],
    migrationNetworks: [],
    delegations: [],
    accounts: [],
    clusterNetworks: [],
    dataDisks: [],
    iscsiTargets: [],
    iscsiInitiators: [],
    iscsiVirtualDisks: [],
    iscsiPortals: [],
    iscsiConnections: [],
    volumes: [],
    vms: [],
    vmAdapters: [],
    vmDisks: [],
    events: [],
  };
}

/** Deterministic MAC addresses in Hyper-V's 00-15-5D range. */
function mac(n: number): string {
  const hex = n.toString(16).padStart(6, "0").toUpperCase();
  return `00-15-5D-${hex.slice(0, 2)}-${hex.slice(2, 4)}-${hex.slice(4, 6)}`;
}

class Ids {
  private next = new Map<string, number>();
  take(table: string): number {
    const id = (this.next.get(table) ?? 0) + 1;
    this.next.set(table, id);
    return id;
  }
}

interface VmSpec {
  name: string;
  hostId: number;
  memoryGiB: number;
  vcpus: number;
  state: "Running" | "Off" | "Saved" | "Paused";
  workload: WorkloadName;
  switches: string[];
  disk: { path: string; sizeGiB: number; usedGiB: number; location: "CSV" | "Local" | "SMB"; csvId?: number };
  highlyAvailable?: boolean;
  clusterPriority?: number;
  dynamicMemory?: boolean;
  processorCompatibility?: boolean;
  uptimeHours?: number;
  cpu?: number;
  generation?: number;
  notes?: string;
}

function addVm(e: Estate, ids: Ids, spec: VmSpec): number {
  const id = ids.take("vm");
  const running = spec.state === "Running" || spec.state === "Paused";
  const memoryMiB = spec.memoryGiB * GiB;
  const w = WORKLOADS[spec.workload];
  e.vms.push({
    id,
    name: spec.name,
    generation: spec.generation ?? 2,
    configurationVersion: "10.0",
    state: spec.state,
    hostId: spec.hostId,
    memoryMiB,
    dynamicMemory: spec.dynamicMemory ?? false,
    memoryMinMiB: spec.dynamicMemory ? 512 : null,
    memoryMaxMiB: spec.dynamicMemory ? memoryMiB * 2 : null,
    memoryDemandMiB: running ? Math.round(memoryMiB * (spec.workload === "idle" ? 0.35 : 0.8)) : 0,
    vcpus: spec.vcpus,
    processorCompatibility: spec.processorCompatibility ?? false,
    highlyAvailable: spec.highlyAvailable ?? false,
    clusterPriority: spec.highlyAvailable ? (spec.clusterPriority ?? 2000) : null,
    cpuUsagePercent: spec.state === "Running" ? (spec.cpu ?? 5) : 0,
    heartbeat: spec.state === "Running" ? "OK" : "No contact",
    uptimeStart: running ? hoursAgo(spec.uptimeHours ?? 72) : null,
    notes: spec.notes ?? "",
    workload: spec.workload,
    hotSetMiB: w.hotSetMiB,
    writesPerSecond: w.writesPerSecond,
    coldMiBPerSecond: w.coldMiBPerSecond,
    createdAt: hoursAgo(24 * 90),
    updatedAt: hoursAgo(1),
  });
  spec.switches.forEach((switchName, i) => {
    const adapterId = ids.take("vmAdapter");
    e.vmAdapters.push({
      id: adapterId,
      vmId: id,
      name: i === 0 ? "Network Adapter" : `Network Adapter ${i + 1}`,
      switchName,
      macAddress: mac(adapterId),
    });
  });
  e.vmDisks.push({
    id: ids.take("vmDisk"),
    vmId: id,
    controller: spec.generation === 1 ? "IDE 0:0" : "SCSI 0:0",
    path: spec.disk.path,
    sizeGiB: spec.disk.sizeGiB,
    usedGiB: spec.disk.usedGiB,
    location: spec.disk.location,
    csvId: spec.disk.csvId ?? null,
  });
  return id;
}

interface HostSpec {
  name: string;
  ip: string;
  os: string;
  build: string;
  vendor: "Intel" | "AMD";
  model: string;
  featureLevel: string;
  lps: number;
  memoryGiB: number;
  reservedGiB: number;
  roles: string[];
  tags: string[];
  clusterId?: number;
  bootHours: number;
  cpu: number;
}

function addHost(e: Estate, ids: Ids, domainId: number, spec: HostSpec): number {
  const id = ids.take("host");
  e.hosts.push({
    id,
    name: spec.name,
    fqdn: `${spec.name.toLowerCase()}.contoso.com`,
    managementIp: spec.ip,
    osVersion: spec.os,
    osBuild: spec.build,
    cpuVendor: spec.vendor,
    cpuModel: spec.model,
    cpuFeatureLevel: spec.featureLevel,
    logicalProcessors: spec.lps,
    memoryMiB: spec.memoryGiB * GiB,
    hostReservedMiB: spec.reservedGiB * GiB,
    cpuUsagePercent: spec.cpu,
    state: "Up",
    roles: JSON.stringify(spec.roles),
    tags: JSON.stringify(spec.tags),
    managingAs: "CONTOSO\\Administrator",
    bootTime: hoursAgo(spec.bootHours),
    createdAt: hoursAgo(24 * 120),
    domainId,
    clusterId: spec.clusterId ?? null,
  });
  return id;
}

function addAdapter(
  e: Estate,
  ids: Ids,
  hostId: number,
  a: { name: string; description: string; speedMbps: number; rdma?: boolean; ip?: string; purpose: string },
): number {
  const id = ids.take("adapter");
  e.adapters.push({
    id,
    hostId,
    name: a.name,
    description: a.description,
    speedMbps: a.speedMbps,
    rdma: a.rdma ?? false,
    ipAddress: a.ip ?? null,
    prefixLength: a.ip ? 24 : null,
    purpose: a.purpose,
  });
  return id;
}

function addSwitch(
  e: Estate,
  ids: Ids,
  hostId: number,
  name: string,
  type: string,
  adapterId: number | null,
): void {
  e.switches.push({ id: ids.take("switch"), hostId, name, type, adapterId });
}

function addSettings(
  e: Estate,
  hostId: number,
  s: Partial<Prisma.MigrationSettingsCreateManyInput> & { enabled: boolean },
): void {
  e.settings.push({
    hostId,
    maxLiveMigrations: 2,
    maxStorageMigrations: 2,
    authentication: "CredSSP",
    performanceOption: "Compression",
    useAnyNetwork: true,
    maxPasses: 10,
    ...s,
  });
}

function addEvent(
  e: Estate,
  ids: Ids,
  ev: {
    channel: string;
    eventId: number;
    level: "Information" | "Warning" | "Error";
    hostId: number;
    vmId?: number;
    message: string;
    hoursAgo: number;
  },
): void {
  e.events.push({
    id: ids.take("event"),
    channel: ev.channel,
    eventId: ev.eventId,
    level: ev.level,
    hostId: ev.hostId,
    vmId: ev.vmId ?? null,
    message: ev.message,
    time: hoursAgo(ev.hoursAgo),
  });
}

const CSV_PATH = "C:\\ClusterStorage\\Volume1";

/**
 * The seed demonstration: contoso.com with DC1; HV1 and HV2 in CLUSTER1 on a CSV served over iSCSI
 * by SRV3; and, for later lessons, a standalone HV3 on local storage and an AMD host HV4.
 */
export function buildDemoEstate(): Estate {
  const e = emptyEstate();
  const ids = new Ids();
  const domainId = ids.take("domain");
  e.domains.push({
    id: domainId,
    name: "contoso.com",
    netbiosName: "CONTOSO",
    forestName: "contoso.com",
    functionalLevel: "Windows2016Forest",
  });
  const clusterId = ids.take("cluster");
  e.clusters.push({
    id: clusterId,
    name: "CLUSTER1",
    fqdn: "cluster1.contoso.com",
    ipAddress: "10.0.0.20",
    maxParallelMigrations: 2,
    tags: JSON.stringify(["production"]),
    managingAs: "CONTOSO\\Administrator",
    createdAt: hoursAgo(24 * 120),
    domainId,
  });

  const ws2022 = { os: "Windows Server 2022 Datacenter", build: "10.0.20348" };
  const dc1 = addHost(e, ids, domainId, {
    name: "DC1",
    ip: "10.0.0.10",
    os: "Windows Server 2022 Standard",
    build: "10.0.20348",
    vendor: "Intel",
    model: "Intel(R) Xeon(R) Silver 4310 CPU @ 2.10GHz",
    featureLevel: "Ice Lake",
    lps: 8,
    memoryGiB: 16,
    reservedGiB: 16,
    roles: ["Active Directory Domain Services", "DNS Server"],
    tags: ["infrastructure"],
    bootHours: 24 * 30,
    cpu: 3,
  });
  addAdapter(e, ids, dc1, {
    name: "Ethernet",
    description: "Intel(R) Ethernet Controller X710",
    speedMbps: 10_000,
    ip: "10.0.0.10",
    purpose: "Management",
  });

  const nodes: number[] = [];
  for (const [i, name] of ["HV1", "HV2"].entries()) {
    const n = 11 + i;
    const id = addHost(e, ids, domainId, {
      name,
      ip: `10.0.0.${n}`,
      ...ws2022,
      vendor: "Intel",
      model: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
      featureLevel: "Ice Lake",
      lps: 64,
      memoryGiB: 256,
      reservedGiB: 8,
      roles: ["Hyper-V", "Failover Clustering"],
      tags: ["production", "cluster1"],
      clusterId,
      bootHours: 24 * 12 + i * 5,
      cpu: 18 + i * 6,
    });
    nodes.push(id);
    addAdapter(e, ids, id, {
      name: "Management",
      description: "Intel(R) Ethernet Controller X710 #1",
      speedMbps: 10_000,
      ip: `10.0.0.${n}`,
      purpose: "Management",
    });
    addAdapter(e, ids, id, {
      name: "LiveMigration",
      description: "Mellanox ConnectX-5 Ex Adapter",
      speedMbps: 25_000,
      rdma: true,
      ip: `192.168.10.${n}`,
      purpose: "LiveMigration",
    });
    addAdapter(e, ids, id, {
      name: "iSCSI",
      description: "Intel(R) Ethernet Controller X710 #2",
      speedMbps: 10_000,
      ip: `192.168.20.${n}`,
      purpose: "Storage",
    });
    const uplink = addAdapter(e, ids, id, {
      name: "VM-Uplink",
      description: "Intel(R) Ethernet Controller X710 #3",
      speedMbps: 10_000,
      purpose: "VM",
    });
    addSwitch(e, ids, id, "Production", "External", uplink);
    // HV1 alone keeps the old "Legacy" switch: LEGACY-APP cannot live-migrate to HV2 until it is mapped.
    if (name === "HV1") addSwitch(e, ids, id, "Legacy", "Internal", null);
    addSettings(e, id, {
      enabled: true,
      authentication: "Kerberos",
      performanceOption: "SMB",
      useAnyNetwork: false,
    });
    e.migrationNetworks.push({
      id: ids.take("migrationNetwork"),
      hostId: id,
      subnet: "192.168.10.0/24",
      priority: 8,
    });
  }
  const [hv1, hv2] = nodes as [number, number];

  const srv3 = addHost(e, ids, domainId, {
    name: "SRV3",
    ip: "10.0.0.13",
    os: "Windows Server 2022 Standard",
    build: "10.0.20348",
    vendor: "Intel",
    model: "Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz",
    featureLevel: "Ice Lake",
    lps: 32,
    memoryGiB: 64,
    reservedGiB: 64,
    roles: ["File and Storage Services", "iSCSI Target Server"],
    tags: ["storage"],
    bootHours: 24 * 40,
    cpu: 7,
  });
  addAdapter(e, ids, srv3, {
    name: "Management",
    description: "Intel(R) Ethernet Controller X710 #1",
    speedMbps: 10_000,
    ip: "10.0.0.13",
    purpose: "Management",
  });
  addAdapter(e, ids, srv3, {
    name: "iSCSI",
    description: "Intel(R) Ethernet Controller X710 #2",
    speedMbps: 10_000,
    ip: "192.168.20.13",
    purpose: "Storage",
  });
  const disks = ["E", "F", "G", "H"].map((letter, i) => {
    const id = ids.take("dataDisk");
    e.dataDisks.push({
      id,
      hostId: srv3,
      number: i + 1,
      friendlyName: `SAMSUNG MZ7LH1T9 (Disk ${i + 1})`,
      sizeGiB: 1788,
      mediaType: "SSD",
      driveLetter: letter,
    });
    return id;
  });
  const targetId = ids.take("iscsiTarget");
  e.iscsiTargets.push({
    id: targetId,
    hostId: srv3,
    name: "cluster1-csv",
    iqn: "iqn.1991-05.com.microsoft:srv3-cluster1-csv-target",
  });
  // Both nodes discovered SRV3's portal on the storage network and hold a persistent session.
  for (const [i, node] of nodes.entries()) {
    e.iscsiInitiators.push({
      id: ids.take("iscsiInitiator"),
      targetId,
      iqn: `iqn.1991-05.com.microsoft:hv${i + 1}.contoso.com`,
      hostId: node,
    });
    e.iscsiPortals.push({ id: ids.take("iscsiPortal"), hostId: node, address: "192.168.20.13" });
    e.iscsiConnections.push({
      id: ids.take("iscsiConnection"),
      hostId: node,
      targetId,
      portal: "192.168.20.13",
    });
  }
  const csvDisk = ids.take("iscsiVirtualDisk");
  e.iscsiVirtualDisks.push({
    id: csvDisk,
    targetId,
    dataDiskId: disks[0] as number,
    path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx",
    sizeGiB: 1500,
    type: "Fixed",
    formatted: true,
    clusterId,
    clusterDiskName: "Cluster Disk 1",
  });
  const witnessDisk = ids.take("iscsiVirtualDisk");
  e.iscsiVirtualDisks.push({
    id: witnessDisk,
    targetId,
    dataDiskId: disks[1] as number,
    path: "F:\\iSCSIVirtualDisks\\Witness.vhdx",
    sizeGiB: 1,
    type: "Fixed",
    formatted: true,
    clusterId,
    clusterDiskName: "Cluster Disk 2",
  });
  const csvId = ids.take("volume");
  const cluster1 = e.clusters.find((c) => c.id === clusterId);
  if (cluster1) cluster1.witnessDiskId = witnessDisk;

  for (const net of [
    { name: "Cluster Network 1", subnet: "10.0.0.0/24", role: "ClusterAndClient", lm: 2 },
    { name: "Cluster Network 2", subnet: "192.168.10.0/24", role: "ClusterOnly", lm: 1 },
    { name: "Cluster Network 3", subnet: "192.168.20.0/24", role: "None", lm: null },
  ]) {
    e.clusterNetworks.push({
      id: ids.take("clusterNetwork"),
      clusterId,
      name: net.name,
      subnet: net.subnet,
      role: net.role,
      liveMigrationOrder: net.lm,
    });
  }
  // Kerberos constrained delegation, both directions, both services, with protocol transition
  // ("Use any authentication protocol"), as Windows Server 2016 and later need (docs/hyperv.md).
  for (const [from, to] of [
    [hv1, hv2],
    [hv2, hv1],
  ] as const) {
    e.accounts.push({ hostId: from, delegation: "specified", anyProtocol: true });
    for (const service of [MIGRATION_SERVICE, CIFS_SERVICE]) {
      e.delegations.push({ id: ids.take("delegation"), fromHostId: from, service, toHostId: to });
    }
  }

  const hv3 = addHost(e, ids, domainId, {
    name: "HV3",
    ip: "10.0.0.14",
    ...ws2022,
    vendor: "Intel",
    model: "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz",
    featureLevel: "Cascade Lake",
    lps: 48,
    memoryGiB: 128,
    reservedGiB: 6,
    roles: ["Hyper-V"],
    tags: ["branch"],
    bootHours: 24 * 6,
    cpu: 11,
  });
  addAdapter(e, ids, hv3, {
    name: "Management",
    description: "Broadcom NetXtreme Gigabit Ethernet",
    speedMbps: 1_000,
    ip: "10.0.0.14",
    purpose: "Management",
  });
  const hv3Uplink = addAdapter(e, ids, hv3, {
    name: "SLOT 3 Port 1",
    description: "Intel(R) Ethernet Converged Network Adapter X550",
    speedMbps: 10_000,
    ip: "192.168.10.14",
    purpose: "LiveMigration",
  });
  addSwitch(e, ids, hv3, "Production", "External", hv3Uplink);
  addSettings(e, hv3, { enabled: true });

  const hv4 = addHost(e, ids, domainId, {
    name: "HV4",
    ip: "10.0.0.15",
    os: "Windows Server 2025 Datacenter",
    build: "10.0.26100",
    vendor: "AMD",
    model: "AMD EPYC 7443 24-Core Processor",
    featureLevel: "Zen 3",
    lps: 48,
    memoryGiB: 128,
    reservedGiB: 6,
    roles: ["Hyper-V"],
    tags: ["lab"],
    bootHours: 24 * 2,
    cpu: 4,
  });
  addAdapter(e, ids, hv4, {
    name: "Management",
    description: "Broadcom BCM57414 NetXtreme-E 10Gb",
    speedMbps: 10_000,
    ip: "10.0.0.15",
    purpose: "Management",
  });
  const hv4Uplink = addAdapter(e, ids, hv4, {
    name: "Ethernet 2",
    description: "Broadcom BCM57414 NetXtreme-E 10Gb #2",
    speedMbps: 10_000,
    ip: "192.168.10.15",
    purpose: "LiveMigration",
  });
  addSwitch(e, ids, hv4, "Production", "External", hv4Uplink);
  // Windows Server 2025 defaults to one simultaneous live migration; migrations not yet enabled.
  addSettings(e, hv4, { enabled: false, maxLiveMigrations: 1 });

  const csv = (vm: string, sizeGiB: number, usedGiB: number) => ({
    path: `${CSV_PATH}\\${vm}\\Virtual Hard Disks\\${vm}.vhdx`,
    sizeGiB,
    usedGiB,
    location: "CSV" as const,
    csvId,
  });
  const local = (vm: string, sizeGiB: number, usedGiB: number) => ({
    path: `D:\\Hyper-V\\Virtual Hard Disks\\${vm}.vhdx`,
    sizeGiB,
    usedGiB,
    location: "Local" as const,
  });
  const ha = { highlyAvailable: true };
  const vmIds: Record<string, number> = {};
  const specs: VmSpec[] = [
    {
      name: "FS01",
      hostId: hv1,
      memoryGiB: 4,
      vcpus: 2,
      state: "Running",
      workload: "idle",
      switches: ["Production"],
      disk: csv("FS01", 127, 41),
      ...ha,
      clusterPriority: 1000,
      cpu: 1,
      uptimeHours: 24 * 12,
      notes: "File server for \\\\contoso\\shares",
    },
    {
      name: "WEB01",
      hostId: hv1,
      memoryGiB: 8,
      vcpus: 4,
      state: "Running",
      workload: "web",
      switches: ["Production"],
      disk: csv("WEB01", 80, 22),
      ...ha,
      clusterPriority: 2000,
      cpu: 14,
      uptimeHours: 24 * 9,
    },
    {
      name: "SQL01",
      hostId: hv1,
      memoryGiB: 32,
      vcpus: 8,
      state: "Running",
      workload: "sql",
      switches: ["Production"],
      disk: csv("SQL01", 500, 310),
      ...ha,
      clusterPriority: 3000,
      cpu: 37,
      uptimeHours: 24 * 12,
    },
    {
      name: "ANALYTICS01",
      hostId: hv1,
      memoryGiB: 64,
      vcpus: 16,
      state: "Running",
      workload: "analytics",
      switches: ["Production"],
      disk: csv("ANALYTICS01", 250, 120),
      ...ha,
      clusterPriority: 2000,
      cpu: 71,
      uptimeHours: 30,
    },
    {
      name: "LEGACY-APP",
      hostId: hv1,
      memoryGiB: 4,
      vcpus: 2,
      state: "Running",
      workload: "idle",
      switches: ["Legacy"],
      disk: csv("LEGACY-APP", 60, 18),
      ...ha,
      clusterPriority: 1000,
      generation: 1,
      cpu: 2,
      uptimeHours: 24 * 12,
      notes: "Uses the Legacy switch that only HV1 has",
    },
    {
      name: "WEB02",
      hostId: hv2,
      memoryGiB: 8,
      vcpus: 4,
      state: "Running",
      workload: "web",
      switches: ["Production"],
      disk: csv("WEB02", 80, 21),
      ...ha,
      clusterPriority: 2000,
      cpu: 12,
      uptimeHours: 24 * 7,
    },
    {
      name: "SQL02",
      hostId: hv2,
      memoryGiB: 16,
      vcpus: 4,
      state: "Running",
      workload: "sql",
      switches: ["Production"],
      disk: csv("SQL02", 300, 140),
      ...ha,
      clusterPriority: 3000,
      cpu: 22,
      dynamicMemory: false,
      uptimeHours: 24 * 7,
    },
    {
      name: "BUILD01",
      hostId: hv2,
      memoryGiB: 16,
      vcpus: 8,
      state: "Saved",
      workload: "web",
      switches: ["Production"],
      disk: csv("BUILD01", 200, 95),
      ...ha,
      clusterPriority: 1000,
    },
    {
      name: "TEMPLATE-2022",
      hostId: hv2,
      memoryGiB: 4,
      vcpus: 2,
      state: "Off",
      workload: "idle",
      switches: ["Production"],
      disk: csv("TEMPLATE-2022", 60, 12),
      ...ha,
      clusterPriority: 0,
    },
    {
      name: "APP01",
      hostId: hv3,
      memoryGiB: 8,
      vcpus: 4,
      state: "Running",
      workload: "web",
      switches: ["Production"],
      disk: local("APP01", 100, 38),
      dynamicMemory: true,
      cpu: 9,
      uptimeHours: 24 * 6,
    },
    {
      name: "DEV01",
      hostId: hv3,
      memoryGiB: 6,
      vcpus: 2,
      state: "Paused",
      workload: "idle",
      switches: ["Production"],
      disk: local("DEV01", 80, 30),
      processorCompatibility: true,
      uptimeHours: 26,
    },
    {
      name: "TEST01",
      hostId: hv3,
      memoryGiB: 4,
      vcpus: 2,
      state: "Off",
      workload: "idle",
      switches: ["Production"],
      disk: local("TEST01", 60, 14),
    },
    {
      name: "LAB-AMD01",
      hostId: hv4,
      memoryGiB: 8,
      vcpus: 4,
      state: "Running",
      workload: "web",
      switches: ["Production"],
      disk: local("LAB-AMD01", 100, 25),
      cpu: 6,
      uptimeHours: 40,
    },
  ];
  for (const spec of specs) vmIds[spec.name] = addVm(e, ids, spec);

  const csvUsed = e.vmDisks.filter((d) => d.csvId === csvId).reduce((sum, d) => sum + (d.usedGiB ?? 0), 0);
  e.volumes.push({
    id: csvId,
    clusterId,
    name: "Cluster Disk 1",
    path: CSV_PATH,
    fileSystem: "CSVFS_NTFS",
    sizeGiB: 1500,
    freeGiB: 1500 - csvUsed,
    ownerHostId: hv1,
    virtualDiskId: csvDisk,
  });

  addEvent(e, ids, {
    channel: CHANNEL.vmms,
    eventId: 20413,
    level: "Information",
    hostId: hv1,
    vmId: vmIds.WEB02,
    hoursAgo: 24 * 7 + 0.02,
    message:
      'The Virtual Machine Management Service initiated the live migration of virtual machine "WEB02" to destination host "HV2".',
  });
  addEvent(e, ids, {
    channel: CHANNEL.vmms,
    eventId: 20415,
    level: "Information",
    hostId: hv1,
    vmId: vmIds.WEB02,
    hoursAgo: 24 * 7,
    message:
      'The Virtual Machine Management service successfully completed the live migration of virtual machine "WEB02" with a blackout time of 0.5 seconds.',
  });
  addEvent(e, ids, {
    channel: CHANNEL.highAvailability,
    eventId: 21502,
    level: "Error",
    hostId: hv1,
    vmId: vmIds["LEGACY-APP"],
    hoursAgo: 50,
    message: switchMissingEventText("LEGACY-APP", "HV2"),
  });
  addEvent(e, ids, {
    channel: CHANNEL.worker,
    eventId: 18500,
    level: "Information",
    hostId: hv1,
    vmId: vmIds.ANALYTICS01,
    hoursAgo: 30,
    message: "'ANALYTICS01' started successfully.",
  });
  addEvent(e, ids, {
    channel: CHANNEL.failoverClustering,
    eventId: 1201,
    level: "Information",
    hostId: hv1,
    hoursAgo: 24 * 12,
    message: "The Cluster service successfully brought the clustered role 'Cluster Group' online.",
  });
  addEvent(e, ids, {
    channel: "System",
    eventId: 1135,
    level: "Warning",
    hostId: hv2,
    hoursAgo: 24 * 12 + 2,
    message:
      "Cluster node 'HV2' was removed from the active failover cluster membership. The Cluster service on this node may have stopped.",
  });
  addEvent(e, ids, {
    channel: CHANNEL.vmms,
    eventId: 20417,
    level: "Warning",
    hostId: hv1,
    vmId: vmIds.SQL01,
    hoursAgo: 24 * 3,
    message:
      'The Virtual Machine Management service completed the live migration of virtual machine "SQL01" with an unexpectedly long blackout time of 3.1 seconds.',
  });
  addEvent(e, ids, {
    channel: CHANNEL.worker,
    eventId: 18500,
    level: "Information",
    hostId: hv3,
    vmId: vmIds.APP01,
    hoursAgo: 24 * 6,
    message: "'APP01' started successfully.",
  });
  addEvent(e, ids, {
    channel: "Microsoft-Windows-iSCSITarget-Service/Admin",
    eventId: 10,
    level: "Information",
    hostId: srv3,
    hoursAgo: 24 * 40,
    message: "The iSCSI Target Service started.",
  });
  addEvent(e, ids, {
    channel: "Directory Service",
    eventId: 1000,
    level: "Information",
    hostId: dc1,
    hoursAgo: 24 * 30,
    message: "Microsoft Active Directory Domain Services startup complete.",
  });
  // Hyper-V logs nothing for a host whose live migrations are off: this is the lab's own hint.
  addEvent(e, ids, {
    channel: CHANNEL.lab,
    eventId: 0,
    level: "Information",
    hostId: hv4,
    hoursAgo: 47,
    message:
      'Live migrations are off on HV4, as on any new Hyper-V host (lab entry: Hyper-V logs no event for this). Turn on "Enable incoming and outgoing live migrations" in HV4\'s Settings tool, under Hyper-V Host Settings > Live Migration.',
  });
  // Every other computer account is as Active Directory creates it: not trusted for delegation.
  for (const h of e.hosts) {
    if (h.id !== undefined && !e.accounts.some((a) => a.hostId === h.id)) e.accounts.push({ hostId: h.id });
  }
  return e;
}

/**
 * The scaled estate for benchmarks: the demo plus `hosts` generated Hyper-V hosts in clusters of
 * four, 10 running VMs each (so --scale 1000 gives 10,000 more VMs).
 */
export function buildScaledEstate(hosts: number): Estate {
  const e = buildDemoEstate();
  const next = (rows: { id?: number | null }[]) => rows.reduce((m, r) => Math.max(m, r.id ?? 0), 0);
  let hostId = next(e.hosts);
  let clusterId = next(e.clusters);
  let vmId = next(e.vms);
  let adapterId = next(e.adapters);
  let switchId = next(e.switches);
  let vmAdapterId = next(e.vmAdapters);
  let vmDiskId = next(e.vmDisks);
  let volumeId = next(e.volumes);
  let csv: Prisma.ClusterSharedVolumeCreateManyInput = {
    clusterId: 0,
    name: "",
    path: "",
    sizeGiB: 0,
    freeGiB: 0,
  };
  const workloads: WorkloadName[] = [
    "idle",
    "web",
    "web",
    "sql",
    "idle",
    "web",
    "idle",
    "sql",
    "web",
    "analytics",
  ];
  for (let h = 0; h < hosts; h++) {
    if (h % 4 === 0) {
      clusterId++;
      e.clusters.push({
        id: clusterId,
        name: `SCALE-C${String(clusterId).padStart(4, "0")}`,
        fqdn: `scale-c${String(clusterId).padStart(4, "0")}.contoso.com`,
        ipAddress: `10.${100 + Math.floor(clusterId / 250)}.${clusterId % 250}.1`,
        maxParallelMigrations: 2,
        tags: JSON.stringify(["scale"]),
        createdAt: hoursAgo(24 * 60),
        domainId: 1,
      });
      // Each generated cluster has its own CSV (paths are unique in the inventory, so it is named
      // after the cluster); its backing storage is not modelled.
      volumeId++;
      csv = {
        id: volumeId,
        clusterId,
        name: "Cluster Disk 1",
        path: `C:\\ClusterStorage\\SCALE-C${String(clusterId).padStart(4, "0")}`,
        fileSystem: "CSVFS_NTFS",
        sizeGiB: 8192,
        freeGiB: 8192,
        ownerHostId: hostId + 1,
        virtualDiskId: null,
      };
      e.volumes.push(csv);
    }
    hostId++;
    const name = `HVS${String(h + 1).padStart(5, "0")}`;
    const ip = `10.${1 + Math.floor(h / 250)}.${h % 250}.10`;
    e.hosts.push({
      id: hostId,
      name,
      fqdn: `${name.toLowerCase()}.contoso.com`,
      managementIp: ip,
      osVersion: "Windows Server 2022 Datacenter",
      osBuild: "10.0.20348",
      cpuVendor: "Intel",
      cpuModel: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
      cpuFeatureLevel: "Ice Lake",
      logicalProcessors: 64,
      memoryMiB: 512 * GiB,
      hostReservedMiB: 8 * GiB,
      cpuUsagePercent: 10 + (h % 50),
      state: "Up",
      roles: JSON.stringify(["Hyper-V", "Failover Clustering"]),
      tags: JSON.stringify(["scale"]),
      bootTime: hoursAgo(24 * 10 + (h % 100)),
      createdAt: hoursAgo(24 * 60),
      domainId: 1,
      clusterId,
    });
    adapterId++;
    e.adapters.push({
      id: adapterId,
      hostId,
      name: "Management",
      description: "Intel(R) Ethernet Controller X710",
      speedMbps: 10_000,
      ipAddress: ip,
      prefixLength: 16,
      purpose: "Management",
    });
    switchId++;
    e.switches.push({ id: switchId, hostId, name: "Production", type: "External", adapterId });
    e.settings.push({
      hostId,
      enabled: true,
      maxLiveMigrations: 2,
      maxStorageMigrations: 2,
      authentication: "Kerberos",
      performanceOption: "Compression",
      useAnyNetwork: true,
      maxPasses: 10,
    });
    for (let v = 0; v < 10; v++) {
      vmId++;
      const workload = workloads[v] as WorkloadName;
      const w = WORKLOADS[workload];
      const memoryMiB = [4, 8, 8, 32, 4, 8, 4, 16, 8, 64][v] as number;
      const vmName = `VM${String(vmId).padStart(6, "0")}`;
      e.vms.push({
        id: vmId,
        name: vmName,
        state: v === 9 ? "Off" : "Running",
        hostId,
        memoryMiB: memoryMiB * GiB,
        memoryDemandMiB: v === 9 ? 0 : Math.round(memoryMiB * GiB * 0.6),
        vcpus: 2 + (v % 4) * 2,
        highlyAvailable: true,
        clusterPriority: 2000,
        cpuUsagePercent: v === 9 ? 0 : (vmId * 7) % 90,
        heartbeat: v === 9 ? "No contact" : "OK",
        uptimeStart: v === 9 ? null : hoursAgo(1 + (vmId % 500)),
        workload,
        hotSetMiB: w.hotSetMiB,
        writesPerSecond: w.writesPerSecond,
        coldMiBPerSecond: w.coldMiBPerSecond,
        createdAt: hoursAgo(24 * 60),
        updatedAt: hoursAgo(1),
      });
      vmAdapterId++;
      e.vmAdapters.push({ id: vmAdapterId, vmId, switchName: "Production", macAddress: mac(vmAdapterId) });
      vmDiskId++;
      e.vmDisks.push({
        id: vmDiskId,
        vmId,
        path: `${csv.path}\\${vmName}\\Virtual Hard Disks\\${vmName}.vhdx`,
        sizeGiB: 127,
        usedGiB: 30,
        location: "CSV",
        csvId: csv.id,
      });
      csv.freeGiB -= 30;
    }
  }
  return e;
}

/**
 * The guided lab's starting point: contoso.com with DC1 and three member servers as the demo has
 * them before any of the lab's steps. HV1 and HV2 have Hyper-V and the Failover Clustering feature,
 * their adapters and the Production switch; SRV3 has the iSCSI Target Server role and four empty
 * data disks. No cluster, no iSCSI disk or target, no session, no VM.
 */
export function buildBareDomainEstate(): Estate {
  const demo = buildDemoEstate();
  const keep = new Set(["DC1", "HV1", "HV2", "SRV3"]);
  const hosts = demo.hosts
    .filter((h) => keep.has(h.name))
    .map((h) => ({
      ...h,
      clusterId: null,
      tags: JSON.stringify(parseTags(h.tags).filter((t) => t !== "cluster1")),
    }));
  const ids = new Set(hosts.map((h) => h.id));
  const mine = <T extends { hostId: number }>(rows: T[]) => rows.filter((r) => ids.has(r.hostId));
  return {
    ...emptyEstate(),
    domains: demo.domains,
    hosts,
    adapters: mine(demo.adapters),
    // HV1's Legacy switch belongs to the demo's LEGACY-APP lesson; here both nodes have Production alone.
    switches: mine(demo.switches).filter((sw) => sw.name !== "Legacy"),
    settings: mine(demo.settings),
    migrationNetworks: mine(demo.migrationNetworks),
    dataDisks: mine(demo.dataDisks),
  };
}

function parseTags(value: unknown): string[] {
  const parsed: unknown = typeof value === "string" ? JSON.parse(value) : [];
  return Array.isArray(parsed) ? parsed.map(String) : [];
}
