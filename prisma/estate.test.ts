import { describe, expect, it } from "vitest";
import { hostMemory } from "@/lib/hyperv/memory";
import { CIFS_SERVICE, MIGRATION_SERVICE } from "@/lib/hyperv/vocabulary";
import { WORKLOADS } from "@/lib/hyperv/workloads";
import { Cidr, ComputerName, Fqdn, Ipv4, VmName } from "@/lib/schemas/common";
import { CreateHostInput } from "@/lib/schemas/host";
import { buildDemoEstate, buildScaledEstate, type Estate } from "./estate";

const GiB = 1024;
type Row = Record<string, unknown> & { id?: number | null };

function byId<T extends Row>(rows: T[]): Map<number, T> {
  return new Map(rows.map((r) => [r.id as number, r]));
}
function one<T>(rows: T[], pred: (r: T) => boolean, what: string): T {
  const found = rows.filter(pred);
  if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
  return found[0] as T;
}
const list = (json: unknown) => JSON.parse(String(json)) as string[];

/** Every foreign key of the schema: [table, column, referenced table, nullable]. */
const FOREIGN_KEYS: [keyof Estate, string, keyof Estate, boolean][] = [
  ["clusters", "domainId", "domains", false],
  ["hosts", "domainId", "domains", false],
  ["hosts", "clusterId", "clusters", true],
  ["adapters", "hostId", "hosts", false],
  ["switches", "hostId", "hosts", false],
  ["switches", "adapterId", "adapters", true],
  ["settings", "hostId", "hosts", false],
  ["migrationNetworks", "hostId", "hosts", false],
  ["delegations", "fromHostId", "hosts", false],
  ["delegations", "toHostId", "hosts", false],
  ["accounts", "hostId", "hosts", false],
  ["clusterNetworks", "clusterId", "clusters", false],
  ["dataDisks", "hostId", "hosts", false],
  ["iscsiTargets", "hostId", "hosts", false],
  ["iscsiInitiators", "targetId", "iscsiTargets", false],
  ["iscsiInitiators", "hostId", "hosts", true],
  ["iscsiVirtualDisks", "targetId", "iscsiTargets", true],
  ["iscsiVirtualDisks", "clusterId", "clusters", true],
  ["iscsiPortals", "hostId", "hosts", false],
  ["iscsiConnections", "hostId", "hosts", false],
  ["iscsiConnections", "targetId", "iscsiTargets", false],
  ["iscsiVirtualDisks", "dataDiskId", "dataDisks", false],
  ["volumes", "clusterId", "clusters", false],
  ["volumes", "ownerHostId", "hosts", true],
  ["volumes", "virtualDiskId", "iscsiVirtualDisks", true],
  ["vms", "hostId", "hosts", false],
  ["vmAdapters", "vmId", "vms", false],
  ["vmDisks", "vmId", "vms", false],
  ["vmDisks", "csvId", "volumes", true],
  ["events", "hostId", "hosts", true],
  ["events", "vmId", "vms", true],
];

/** Unique constraints of the schema beyond the ids. */
const UNIQUE: [keyof Estate, string[]][] = [
  ["domains", ["name"]],
  ["hosts", ["name"]],
  ["hosts", ["fqdn"]],
  ["clusters", ["name"]],
  ["clusters", ["fqdn"]],
  ["vms", ["name"]],
  ["adapters", ["hostId", "name"]],
  ["switches", ["hostId", "name"]],
  ["settings", ["hostId"]],
  ["accounts", ["hostId"]],
  ["migrationNetworks", ["hostId", "subnet"]],
  ["delegations", ["fromHostId", "service", "toHostId"]],
  ["clusterNetworks", ["clusterId", "name"]],
  ["dataDisks", ["hostId", "number"]],
  ["iscsiTargets", ["iqn"]],
  ["iscsiInitiators", ["targetId", "iqn"]],
  ["volumes", ["clusterId", "path"]],
  ["iscsiPortals", ["hostId", "address"]],
  ["iscsiConnections", ["hostId", "targetId"]],
];

function checkIntegrity(e: Estate) {
  for (const [table, rows] of Object.entries(e) as [keyof Estate, Row[]][]) {
    if (table === "settings" || table === "accounts") continue; // keyed by hostId
    const ids = rows.map((r) => r.id);
    expect(
      ids.every((id) => Number.isInteger(id) && (id as number) > 0),
      `${table} ids`,
    ).toBe(true);
    expect(new Set(ids).size, `${table} ids unique`).toBe(ids.length);
  }
  for (const [table, column, target, nullable] of FOREIGN_KEYS) {
    const targets = new Set((e[target] as Row[]).map((r) => r.id));
    for (const row of e[table] as Row[]) {
      const value = row[column];
      if (value === null || value === undefined) {
        expect(nullable, `${table}.${column} may not be null`).toBe(true);
        continue;
      }
      expect(targets.has(value as number), `${table}.${column}=${String(value)} -> ${target}`).toBe(true);
    }
  }
  for (const [table, columns] of UNIQUE) {
    const keys = (e[table] as Row[]).map((r) => columns.map((c) => String(r[c])).join("|"));
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes, `${table} (${columns.join(", ")}) unique`).toEqual([]);
  }
}

describe("buildDemoEstate", () => {
  const e = buildDemoEstate();
  const hosts = byId(e.hosts);
  const host = (name: string) => one(e.hosts, (h) => h.name === name, `host ${name}`);
  const vm = (name: string) => one(e.vms, (v) => v.name === name, `VM ${name}`);
  const vmSwitches = (vmId: number) => e.vmAdapters.filter((a) => a.vmId === vmId).map((a) => a.switchName);
  const hostSwitches = (hostId: number) => e.switches.filter((s) => s.hostId === hostId).map((s) => s.name);

  it("is deterministic: two builds are deep-equal", () => {
    expect(buildDemoEstate()).toEqual(buildDemoEstate());
  });

  it("has unique ids and unique names per table, and every foreign key points at a row", () => {
    checkIntegrity(e);
  });

  it("is contoso.com with a domain controller and three member servers", () => {
    expect(e.domains).toHaveLength(1);
    expect(e.domains[0]).toMatchObject({ name: "contoso.com", netbiosName: "CONTOSO" });
    expect(list(host("DC1").roles)).toContain("Active Directory Domain Services");
    for (const name of ["HV1", "HV2", "SRV3"]) expect(host(name).domainId).toBe(e.domains[0]?.id);
    expect(e.hosts.map((h) => h.name)).toEqual(["DC1", "HV1", "HV2", "SRV3", "HV3", "HV4"]);
  });

  it("uses names and addresses the API itself would accept", () => {
    for (const h of e.hosts) {
      expect(ComputerName.parse(h.name)).toBe(h.name);
      expect(Fqdn.parse(h.fqdn)).toBe(h.fqdn);
      expect(h.fqdn).toBe(`${h.name.toLowerCase()}.contoso.com`);
      expect(Ipv4.safeParse(h.managementIp).success).toBe(true);
      expect(CreateHostInput.shape.osVersion.safeParse(h.osVersion).success, h.osVersion).toBe(true);
    }
    for (const v of e.vms) expect(VmName.safeParse(v.name).success, v.name).toBe(true);
    for (const n of e.migrationNetworks) expect(Cidr.safeParse(n.subnet).success).toBe(true);
    const ips = e.hosts.map((h) => h.managementIp);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it("HV1 and HV2 form CLUSTER1, HV3 and HV4 stand alone", () => {
    const cluster = one(e.clusters, (c) => c.name === "CLUSTER1", "CLUSTER1");
    expect(e.hosts.filter((h) => h.clusterId === cluster.id).map((h) => h.name)).toEqual(["HV1", "HV2"]);
    expect(host("HV3").clusterId).toBeNull();
    expect(host("HV4").clusterId).toBeNull();
    for (const name of ["HV1", "HV2"])
      expect(list(host(name).roles)).toEqual(["Hyper-V", "Failover Clustering"]);
  });

  it("CLUSTER1 has the CSV C:\\ClusterStorage\\Volume1 on an iSCSI virtual disk served by SRV3", () => {
    const cluster = one(e.clusters, (c) => c.name === "CLUSTER1", "CLUSTER1");
    const csv = one(e.volumes, (v) => v.path === "C:\\ClusterStorage\\Volume1", "CSV");
    expect(csv.clusterId).toBe(cluster.id);
    const vdisk = one(e.iscsiVirtualDisks, (d) => d.id === csv.virtualDiskId, "virtual disk");
    const target = one(e.iscsiTargets, (t) => t.id === vdisk.targetId, "target");
    expect(hosts.get(target.hostId)?.name).toBe("SRV3");
    expect(list(host("SRV3").roles)).toContain("iSCSI Target Server");
    // The backing data disk is one of SRV3's own, and large enough.
    const dataDisk = one(e.dataDisks, (d) => d.id === vdisk.dataDiskId, "data disk");
    expect(dataDisk.hostId).toBe(target.hostId);
    expect(dataDisk.sizeGiB).toBeGreaterThanOrEqual(vdisk.sizeGiB);
    expect(csv.sizeGiB).toBeLessThanOrEqual(vdisk.sizeGiB);
    // Both nodes are initiators of that target.
    const initiators = e.iscsiInitiators.filter((i) => i.targetId === target.id).map((i) => i.hostId);
    expect(initiators.sort()).toEqual([host("HV1").id, host("HV2").id].sort());
    expect(csv.ownerHostId === host("HV1").id || csv.ownerHostId === host("HV2").id).toBe(true);
  });

  it("SRV3 has four data disks, numbered 1-4", () => {
    const disks = e.dataDisks.filter((d) => d.hostId === host("SRV3").id);
    expect(disks.map((d) => d.number)).toEqual([1, 2, 3, 4]);
  });

  it("the CSV's free space is its size less what the VM disks on it use", () => {
    const csv = one(e.volumes, (v) => v.path === "C:\\ClusterStorage\\Volume1", "CSV");
    const used = e.vmDisks.filter((d) => d.csvId === csv.id).reduce((s, d) => s + (d.usedGiB ?? 0), 0);
    expect(used).toBeGreaterThan(0);
    expect(csv.freeGiB).toBe(csv.sizeGiB - used);
  });

  it("highly available VMs are on cluster nodes with every disk on the CSV, under its path", () => {
    const ha = e.vms.filter((v) => v.highlyAvailable);
    expect(ha.length).toBeGreaterThanOrEqual(5);
    for (const v of ha) {
      expect(hosts.get(v.hostId)?.clusterId, v.name).not.toBeNull();
      expect([0, 1000, 2000, 3000]).toContain(v.clusterPriority);
      const disks = e.vmDisks.filter((d) => d.vmId === v.id);
      expect(disks.length).toBeGreaterThan(0);
      for (const d of disks) {
        const csv = e.volumes.find((c) => c.id === d.csvId);
        expect(d.location, v.name).toBe("CSV");
        expect(csv?.clusterId, v.name).toBe(hosts.get(v.hostId)?.clusterId);
        expect(d.path.startsWith(`${csv?.path}\\`), d.path).toBe(true);
      }
    }
  });

  it("VMs that are not highly available have local disks and no cluster priority", () => {
    for (const v of e.vms.filter((x) => !x.highlyAvailable)) {
      expect(v.clusterPriority ?? null).toBeNull();
      for (const d of e.vmDisks.filter((x) => x.vmId === v.id)) {
        expect(d.location).not.toBe("CSV");
        expect(d.csvId ?? null).toBeNull();
      }
    }
  });

  it("every VM's switches exist on its host, except LEGACY-APP's Legacy missing on HV2 as designed", () => {
    for (const v of e.vms) {
      const missing = vmSwitches(v.id as number).filter(
        (s) => s != null && !hostSwitches(v.hostId).includes(s),
      );
      expect(missing, v.name).toEqual([]);
    }
    const legacy = vm("LEGACY-APP");
    expect(vmSwitches(legacy.id as number)).toEqual(["Legacy"]);
    expect(hostSwitches(host("HV1").id as number)).toContain("Legacy");
    expect(hostSwitches(host("HV2").id as number)).not.toContain("Legacy");
    // Every other VM could move between the nodes as far as switches go.
    const both = e.vms.filter((v) => v.highlyAvailable && v.name !== "LEGACY-APP");
    for (const v of both) {
      for (const s of vmSwitches(v.id as number)) expect(hostSwitches(host("HV2").id as number)).toContain(s);
    }
  });

  it("switches bound to an adapter use one of the same host's adapters", () => {
    const adapters = byId(e.adapters);
    for (const s of e.switches) {
      if (s.adapterId != null) expect(adapters.get(s.adapterId)?.hostId).toBe(s.hostId);
      else expect(s.type).not.toBe("External");
    }
  });

  it("running and paused guests fit in each host's memory beside its reserve", () => {
    for (const h of e.hosts) {
      const guests = e.vms
        .filter((v) => v.hostId === h.id)
        .map((v) => ({ state: v.state ?? "Off", memoryMiB: v.memoryMiB }));
      const m = hostMemory(h, guests);
      expect(h.hostReservedMiB + m.guestMiB, h.name).toBeLessThanOrEqual(h.memoryMiB);
    }
  });

  it("VMs only run on Hyper-V hosts", () => {
    for (const v of e.vms) expect(list(hosts.get(v.hostId)?.roles)).toContain("Hyper-V");
  });

  it("has one AMD host and Intel everywhere else", () => {
    expect(e.hosts.filter((h) => h.cpuVendor === "AMD").map((h) => h.name)).toEqual(["HV4"]);
    for (const h of e.hosts.filter((x) => x.cpuVendor !== "AMD")) {
      expect(h.cpuVendor).toBe("Intel");
      expect(h.cpuModel).toMatch(/^Intel/);
    }
    expect(host("HV4").cpuModel).toMatch(/^AMD/);
  });

  it("VM sizes are real: 4-64 GiB, whole GiB, vCPUs within the host", () => {
    for (const v of e.vms) {
      expect(v.memoryMiB, v.name).toBeGreaterThanOrEqual(4 * GiB);
      expect(v.memoryMiB, v.name).toBeLessThanOrEqual(64 * GiB);
      expect(v.memoryMiB % GiB).toBe(0);
      expect(v.vcpus).toBeLessThanOrEqual(hosts.get(v.hostId)?.logicalProcessors ?? 0);
    }
    expect(e.vms.some((v) => v.memoryMiB === 64 * GiB)).toBe(true);
  });

  it("has the four distinct workloads with the engine's profile copied onto each VM", () => {
    expect(new Set(e.vms.map((v) => v.workload))).toEqual(new Set(["idle", "web", "sql", "analytics"]));
    for (const v of e.vms) {
      const w = WORKLOADS[v.workload as keyof typeof WORKLOADS];
      expect({ h: v.hotSetMiB, w: v.writesPerSecond, c: v.coldMiBPerSecond }).toEqual({
        h: w.hotSetMiB,
        w: w.writesPerSecond,
        c: w.coldMiBPerSecond,
      });
    }
  });

  it("a VM's live fields agree with its state", () => {
    for (const v of e.vms) {
      const holds = v.state === "Running" || v.state === "Paused";
      expect(v.uptimeStart != null, `${v.name} uptime`).toBe(holds);
      expect((v.memoryDemandMiB ?? 0) > 0, `${v.name} demand`).toBe(holds);
      expect(v.heartbeat === "OK", `${v.name} heartbeat`).toBe(v.state === "Running");
      if (v.state !== "Running") expect(v.cpuUsagePercent ?? 0).toBe(0);
      if (v.dynamicMemory) {
        expect(v.memoryMinMiB).toBeLessThanOrEqual(v.memoryMiB);
        expect(v.memoryMaxMiB).toBeGreaterThanOrEqual(v.memoryMiB);
      } else {
        expect(v.memoryMinMiB ?? null).toBeNull();
      }
    }
    expect(new Set(e.vms.map((v) => v.state))).toEqual(new Set(["Running", "Off", "Saved", "Paused"]));
  });

  it("NIC speeds are 1, 10 or 25 GbE", () => {
    for (const a of e.adapters) expect([1_000, 10_000, 25_000]).toContain(a.speedMbps);
    expect(new Set(e.adapters.map((a) => a.speedMbps))).toEqual(new Set([1_000, 10_000, 25_000]));
  });

  it("the cluster's live-migration networks run on RDMA NICs, first in the live-migration order", () => {
    const cluster = one(e.clusters, (c) => c.name === "CLUSTER1", "CLUSTER1");
    const lmNets = e.clusterNetworks
      .filter((n) => n.clusterId === cluster.id && n.liveMigrationOrder != null)
      .sort((a, b) => (a.liveMigrationOrder ?? 0) - (b.liveMigrationOrder ?? 0));
    const first = lmNets[0];
    expect(first?.subnet).toBe("192.168.10.0/24");
    const prefix = first?.subnet.split(".").slice(0, 3).join(".");
    for (const node of ["HV1", "HV2"]) {
      const nics = e.adapters.filter(
        (a) => a.hostId === host(node).id && a.ipAddress?.startsWith(`${prefix}.`),
      );
      expect(nics.length, node).toBe(1);
      expect(nics[0]).toMatchObject({ rdma: true, purpose: "LiveMigration", speedMbps: 25_000 });
    }
    // RDMA is only on the cluster nodes.
    for (const a of e.adapters.filter((x) => x.rdma)) {
      expect(hosts.get(a.hostId)?.clusterId).toBe(cluster.id);
    }
  });

  it("cluster nodes use Kerberos with delegation both ways for both services", () => {
    const hv1 = host("HV1").id as number;
    const hv2 = host("HV2").id as number;
    for (const [from, to] of [
      [hv1, hv2],
      [hv2, hv1],
    ]) {
      const services = e.delegations
        .filter((d) => d.fromHostId === from && d.toHostId === to)
        .map((d) => d.service);
      expect(services.sort()).toEqual([MIGRATION_SERVICE, CIFS_SERVICE].sort());
    }
    for (const id of [hv1, hv2]) {
      expect(e.settings.find((s) => s.hostId === id)).toMatchObject({
        enabled: true,
        authentication: "Kerberos",
      });
      // "Trust this computer for delegation to specified services only", "Use any authentication protocol".
      expect(e.accounts.find((a) => a.hostId === id)).toEqual({
        hostId: id,
        delegation: "specified",
        anyProtocol: true,
      });
    }
  });

  it("every host has a computer account; only the cluster nodes are trusted for delegation", () => {
    expect(e.accounts.map((a) => a.hostId).sort()).toEqual(e.hosts.map((h) => h.id).sort());
    const trusted = e.accounts
      .filter((a) => (a.delegation ?? "none") !== "none")
      .map((a) => hosts.get(a.hostId)?.name);
    expect(trusted.sort()).toEqual(["HV1", "HV2"]);
  });

  it("every Hyper-V host has live-migration settings, and only Hyper-V hosts do", () => {
    const withSettings = new Set(e.settings.map((s) => s.hostId));
    for (const h of e.hosts)
      expect(withSettings.has(h.id as number), h.name).toBe(list(h.roles).includes("Hyper-V"));
    // Windows Server 2025 defaults to one simultaneous live migration.
    expect(e.settings.find((s) => s.hostId === host("HV4").id)?.maxLiveMigrations).toBe(1);
  });

  it("dates are fixed, not the wall clock", () => {
    const times = [...e.events.map((x) => x.time), ...e.hosts.map((h) => h.bootTime)] as Date[];
    for (const t of times)
      expect(t.getTime()).toBeLessThanOrEqual(new Date("2026-11-20T08:00:00Z").getTime());
  });

  it("events name hosts and VMs that exist, and say what Hyper-V says", () => {
    const failure = one(e.events, (x) => x.eventId === 21502, "event 21502");
    expect(failure.message).toContain(
      "VM failed to live migrate because a virtual switch used by the VM doesn't exist",
    );
    expect(failure.vmId).toBe(vm("LEGACY-APP").id);
    for (const ev of e.events) expect(["Information", "Warning", "Error"]).toContain(ev.level);
  });
});

describe("buildScaledEstate", () => {
  const base = buildDemoEstate();
  const e = buildScaledEstate(3);

  it("adds 3 hosts and 30 VMs with unique names, keeping the demo intact", () => {
    expect(e.hosts.length - base.hosts.length).toBe(3);
    expect(e.vms.length - base.vms.length).toBe(30);
    expect(e.hosts.slice(0, base.hosts.length)).toEqual(base.hosts);
    expect(e.vms.slice(0, base.vms.length)).toEqual(base.vms);
    const names = e.vms.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("keeps every id unique and every foreign key valid", () => {
    checkIntegrity(e);
  });

  it("is deterministic", () => {
    expect(buildScaledEstate(3)).toEqual(e);
  });

  it("puts the new hosts in clusters of four", () => {
    const big = buildScaledEstate(9);
    const added = big.hosts.slice(base.hosts.length);
    const perCluster = new Map<number, number>();
    for (const h of added)
      perCluster.set(h.clusterId as number, (perCluster.get(h.clusterId as number) ?? 0) + 1);
    expect([...perCluster.values()]).toEqual([4, 4, 1]);
    expect(big.clusters.length - base.clusters.length).toBe(3);
    checkIntegrity(big);
  });

  it("each new host holds its guests and their switches", () => {
    for (const h of e.hosts.slice(base.hosts.length)) {
      const vms = e.vms.filter((v) => v.hostId === h.id);
      expect(vms).toHaveLength(10);
      const m = hostMemory(
        h,
        vms.map((v) => ({ state: v.state ?? "Off", memoryMiB: v.memoryMiB })),
      );
      expect(h.hostReservedMiB + m.guestMiB).toBeLessThanOrEqual(h.memoryMiB);
      const switches = e.switches.filter((s) => s.hostId === h.id).map((s) => s.name);
      for (const v of vms) {
        for (const a of e.vmAdapters.filter((x) => x.vmId === v.id)) expect(switches).toContain(a.switchName);
        expect(v.memoryMiB).toBeGreaterThanOrEqual(4 * GiB);
        expect(v.memoryMiB).toBeLessThanOrEqual(64 * GiB);
      }
    }
  });

  it("its highly available VMs have their disks on a CSV of their own cluster", () => {
    const hosts = byId(e.hosts);
    for (const v of e.vms.filter((x) => x.highlyAvailable)) {
      for (const d of e.vmDisks.filter((x) => x.vmId === v.id)) {
        const csv = e.volumes.find((c) => c.id === d.csvId);
        expect(csv?.clusterId, `${v.name} ${d.path}`).toBe(hosts.get(v.hostId)?.clusterId);
        expect(d.path.startsWith(`${csv?.path}\\`), d.path).toBe(true);
      }
    }
  });

  it("each generated CSV's free space is its size less what its VM disks use", () => {
    for (const csv of e.volumes.slice(base.volumes.length)) {
      const used = e.vmDisks.filter((d) => d.csvId === csv.id).reduce((s, d) => s + (d.usedGiB ?? 0), 0);
      expect(used).toBeGreaterThan(0);
      expect(csv.freeGiB).toBe(csv.sizeGiB - used);
    }
  });

  it("scale 0 is the demo", () => {
    expect(buildScaledEstate(0)).toEqual(base);
  });
});
