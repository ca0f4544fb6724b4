// Each preflight rule on its own: a case that passes and one that fails, with Hyper-V's exact text.
import { describe, expect, it } from "vitest";
import type { Incompatibility } from "@/lib/schemas/migration";
import { kerberosDelegationText } from "./failure-texts";
import {
  canMove,
  featuresAvailable,
  inSubnet,
  kindIncompatibilities,
  type PreflightContext,
  type PreflightHost,
  preflight,
  ruleAuthentication,
  ruleClusterNode,
  ruleClusterStorage,
  ruleCpuFeatures,
  ruleCpuVendor,
  ruleDestination,
  ruleDomain,
  ruleIncomingNetwork,
  ruleKind,
  ruleMemory,
  ruleMigrationEnabled,
  ruleStartedFrom,
  ruleStoragePath,
  ruleSwitches,
  ruleVmState,
  storageMoves,
} from "./preflight";
import { MIGRATION_SERVICE } from "./vocabulary";

const node = (id: number, name: string, over: Partial<PreflightHost> = {}): PreflightHost => ({
  id,
  name,
  state: "Up",
  hyperV: true,
  domain: "contoso.com",
  clusterId: 1,
  clusterName: "CLUSTER1",
  cpuVendor: "Intel",
  cpuFeatureLevel: "Ice Lake",
  migration: { enabled: true, authentication: "Kerberos", useAnyNetwork: false },
  liveMigrationAddresses: [`192.168.10.${10 + id}`],
  migrationSubnets: ["192.168.10.0/24"],
  switches: ["Production"],
  ...over,
});
const HV1 = node(1, "HV1", { switches: ["Legacy", "Production"] });
const HV2 = node(2, "HV2");
const HV3 = node(3, "HV3", {
  clusterId: null,
  clusterName: null,
  migration: { enabled: true, authentication: "CredSSP", useAnyNetwork: true },
  cpuFeatureLevel: "Cascade Lake",
  migrationSubnets: [],
});

/** FS01 on HV1 -> HV2, live, from the gateway: every rule passes. */
const base: PreflightContext = {
  kind: "live",
  vm: {
    name: "FS01",
    state: "Running",
    memoryMiB: 4096,
    dynamicMemory: false,
    memoryMaxMiB: null,
    processorCompatibility: false,
    highlyAvailable: true,
    switches: ["Production"],
    disks: [{ path: "C:\\ClusterStorage\\Volume1\\FS01\\Virtual Hard Disks\\FS01.vhdx", location: "CSV" }],
  },
  source: HV1,
  destination: HV2,
  delegatedServices: [MIGRATION_SERVICE, "cifs"],
  startedFrom: "admin-center",
  switchMap: {},
  storagePath: null,
  destinationFreeMemoryMiB: 200_000,
};
const ctx = (over: Partial<PreflightContext>): PreflightContext => ({ ...base, ...over });
const vmWith = (over: Partial<PreflightContext["vm"]>) => ({ ...base.vm, ...over });
/** APP01 on the standalone CredSSP host HV3, shared-nothing to HV1. */
const app01 = ctx({
  kind: "shared-nothing",
  vm: vmWith({
    name: "APP01",
    highlyAvailable: false,
    dynamicMemory: true,
    memoryMiB: 8192,
    memoryMaxMiB: 16384,
    disks: [{ path: "D:\\Hyper-V\\Virtual Hard Disks\\APP01.vhdx", location: "Local" }],
  }),
  source: HV3,
  destination: HV1,
  delegatedServices: [],
  startedFrom: "source-session",
  storagePath: "D:\\Hyper-V\\APP01",
});

const only = (list: Incompatibility[]) => {
  expect(list).toHaveLength(1);
  return list[0] as Incompatibility;
};

describe("the whole check", () => {
  it("passes the seeded live move and the shared-nothing move from the source's session", () => {
    expect(preflight(base)).toEqual([]);
    expect(preflight(app01)).toEqual([]);
    expect(canMove([])).toBe(true);
  });

  it("a wrong destination stops the other checks (a host compared with itself means nothing)", () => {
    expect(preflight(ctx({ destination: HV1, startedFrom: "hyper-v-manager" })).map((i) => i.rule)).toEqual([
      "started-from",
      "destination",
    ]);
  });

  it("warnings do not block", () => {
    const w: Incompatibility = {
      level: "warning",
      rule: "memory",
      source: "HV2",
      message: "m",
      messageId: 0,
    };
    expect(canMove([w])).toBe(true);
    expect(canMove([w, { ...w, level: "error" }])).toBe(false);
  });
});

describe("kind", () => {
  it("live and quick are for clustered VMs only", () => {
    expect(ruleKind(base)).toEqual([]);
    expect(ruleKind(ctx({ kind: "quick" }))).toEqual([]);
    const e = only(ruleKind(ctx({ vm: vmWith({ highlyAvailable: false }) })));
    expect(e).toMatchObject({ level: "error", rule: "kind" });
    expect(e.message).toBe(
      "Virtual machine 'FS01' is not a clustered role, so it cannot be moved by live migration between cluster nodes.",
    );
  });

  it("a clustered VM does not move shared-nothing", () => {
    expect(ruleKind(app01)).toEqual([]);
    expect(only(ruleKind(ctx({ kind: "shared-nothing" }))).message).toBe(
      "Virtual machine 'FS01' is a clustered role of CLUSTER1; move it to another node with a live migration.",
    );
  });
});

describe("started from", () => {
  it("Hyper-V Manager cannot live-migrate a clustered VM", () => {
    expect(ruleStartedFrom(ctx({ startedFrom: "failover-cluster-manager" }))).toEqual([]);
    expect(ruleStartedFrom({ ...app01, startedFrom: "hyper-v-manager" })).toEqual([]);
    expect(only(ruleStartedFrom(ctx({ startedFrom: "hyper-v-manager" }))).message).toBe(
      "Hyper-V Manager cannot perform a live migration of the clustered virtual machine 'FS01'.",
    );
    expect(only(ruleStartedFrom(ctx({ kind: "quick", startedFrom: "hyper-v-manager" }))).message).toBe(
      "Hyper-V Manager cannot perform a quick migration of the clustered virtual machine 'FS01'.",
    );
  });

  it("Failover Cluster Manager moves only clustered roles", () => {
    expect(only(ruleStartedFrom({ ...app01, startedFrom: "failover-cluster-manager" })).message).toBe(
      "Failover Cluster Manager does not manage 'APP01': it is not a clustered role.",
    );
  });
});

describe("VM state", () => {
  it("a live move needs a running VM", () => {
    expect(ruleVmState(base)).toEqual([]);
    const off = only(ruleVmState(ctx({ vm: vmWith({ state: "Off" }) })));
    expect(off.message).toBe(
      "Virtual machine 'FS01' is Off: a live migration needs a running virtual machine.",
    );
    expect(off.hint).toBe("An Off VM has no memory to move: start it first, or move only its storage.");
    expect(only(ruleVmState(ctx({ vm: vmWith({ state: "Paused" }) }))).message).toBe(
      "Virtual machine 'FS01' is Paused: a live migration needs a running virtual machine.",
    );
  });

  it("a quick migration takes a saved or paused VM too; a storage move any state", () => {
    expect(ruleVmState(ctx({ kind: "quick", vm: vmWith({ state: "Saved" }) }))).toEqual([]);
    expect(ruleVmState(ctx({ kind: "quick", vm: vmWith({ state: "Paused" }) }))).toEqual([]);
    expect(only(ruleVmState(ctx({ kind: "quick", vm: vmWith({ state: "Off" }) }))).message).toBe(
      "Virtual machine 'FS01' is Off: a quick migration needs a running, paused or saved virtual machine.",
    );
    expect(ruleVmState(ctx({ kind: "storage", vm: vmWith({ state: "Off" }) }))).toEqual([]);
  });
});

describe("cluster storage", () => {
  it("a cluster move needs every disk on a CSV (or an SMB share)", () => {
    expect(ruleClusterStorage(base)).toEqual([]);
    const smb = vmWith({ disks: [{ path: "\\\\fs\\vms\\FS01.vhdx", location: "SMB" }] });
    expect(ruleClusterStorage(ctx({ vm: smb }))).toEqual([]);
    const local = vmWith({ disks: [{ path: "D:\\VMs\\FS01.vhdx", location: "Local" }] });
    expect(only(ruleClusterStorage(ctx({ vm: local }))).message).toBe(
      "The virtual hard disk 'D:\\VMs\\FS01.vhdx' of 'FS01' is not on a Cluster Shared Volume.",
    );
    expect(ruleClusterStorage({ ...app01 })).toEqual([]);
  });

  it("kindIncompatibilities gathers the VM-level rules", () => {
    expect(
      kindIncompatibilities(ctx({ vm: vmWith({ state: "Off", highlyAvailable: false }) })).map((i) => i.rule),
    ).toEqual(["kind", "vm-state"]);
  });
});

describe("destination", () => {
  it("another host for a move, the VM's own host for a storage move", () => {
    expect(ruleDestination(base)).toEqual([]);
    expect(only(ruleDestination(ctx({ destination: HV1 }))).message).toBe(
      "Virtual machine 'FS01' is already running on host 'HV1'.",
    );
    expect(ruleDestination(ctx({ kind: "storage", destination: HV1 }))).toEqual([]);
    expect(only(ruleDestination(ctx({ kind: "storage" }))).message).toBe(
      "A storage migration keeps 'FS01' on its host 'HV1'; it cannot move it to 'HV2'.",
    );
  });

  it("a Hyper-V host that is not down", () => {
    expect(only(ruleDestination(ctx({ destination: node(5, "SRV3", { hyperV: false }) }))).message).toBe(
      "Host 'SRV3' does not have the Hyper-V role.",
    );
    expect(only(ruleDestination(ctx({ destination: node(2, "HV2", { state: "Down" }) })))).toMatchObject({
      messageId: 0,
      message:
        'Failed to establish a connection with host "HV2": A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (0x8007274C)',
    });
  });
});

describe("live migration enabled", () => {
  const off = (h: PreflightHost) => ({ ...h, migration: h.migration && { ...h.migration, enabled: false } });

  it("on both hosts, for the live kinds", () => {
    expect(ruleMigrationEnabled(base)).toEqual([]);
    expect(only(ruleMigrationEnabled(ctx({ destination: off(HV2) }))).message).toBe(
      "Live migrations are not enabled on host 'HV2'.",
    );
    expect(
      ruleMigrationEnabled(ctx({ source: off(HV1), destination: { ...HV2, migration: null } })).map(
        (i) => i.source,
      ),
    ).toEqual(["HV1", "HV2"]);
  });

  it("not for quick migration (the cluster saves and restores) nor a storage move", () => {
    expect(ruleMigrationEnabled(ctx({ kind: "quick", destination: off(HV2) }))).toEqual([]);
    expect(ruleMigrationEnabled(ctx({ kind: "storage", source: off(HV1), destination: off(HV1) }))).toEqual(
      [],
    );
  });
});

describe("domain", () => {
  it("both hosts in the same domain", () => {
    expect(ruleDomain(base)).toEqual([]);
    expect(only(ruleDomain(ctx({ destination: { ...HV2, domain: null } }))).message).toBe(
      "Host 'HV2' is not joined to a domain.",
    );
    expect(only(ruleDomain(ctx({ destination: { ...HV2, domain: "fabrikam.com" } }))).message).toBe(
      "Host 'HV2' is in domain fabrikam.com, not contoso.com.",
    );
  });
});

describe("authentication", () => {
  it("CredSSP: only from a session on the source host, else 0x8009030D (gateway, PowerShell) or 0x8009030E", () => {
    expect(ruleAuthentication(app01)).toEqual([]);
    expect(ruleAuthentication({ ...app01, signedInHostId: HV3.id })).toEqual([]);
    const fromGateway = only(ruleAuthentication({ ...app01, startedFrom: "admin-center" }));
    expect(fromGateway).toMatchObject({ level: "error", rule: "authentication", messageId: 0 });
    expect(fromGateway.message).toBe(
      'Failed to establish a connection with host "HV1": The credentials supplied to the package were not recognized (0x8009030D). The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine migration at the source host: no suitable credentials available. Make sure the operation is initiated on the source host of the migration, or the source host is configured to use Kerberos for the authentication of migration connections and Constrained Delegation is enabled for the host in Active Directory.',
    );
    expect(fromGateway.hint).toContain("uses CredSSP (0x8009030D)");
    const fromManager = only(ruleAuthentication({ ...app01, startedFrom: "hyper-v-manager" }));
    expect(fromManager.message).toBe(
      "Virtual machine migration operation failed at migration Source. Failed to establish a connection with host HV1: No credentials are available in the security package (0x8009030E).",
    );
    expect(only(ruleAuthentication({ ...app01, signedInHostId: HV1.id })).message).toContain("(0x8009030E)");
  });

  it("Kerberos: the migration service delegated to the destination, and cifs when storage moves", () => {
    const kerberos = {
      ...app01,
      source: { ...HV3, migration: { ...HV1.migration, authentication: "Kerberos" } },
    };
    const k = kerberos as PreflightContext;
    expect(
      ruleAuthentication({
        ...k,
        startedFrom: "admin-center",
        delegatedServices: [MIGRATION_SERVICE, "CIFS"],
      }),
    ).toEqual([]);
    const noCifs = only(ruleAuthentication({ ...k, delegatedServices: [MIGRATION_SERVICE] }));
    expect(noCifs.messageId).toBe(0);
    // Kerberos without the delegation: 0x8009030E and no suitable credentials, not CredSSP's advice.
    expect(noCifs.message).toBe(
      'Failed to establish a connection with host "HV1": No credentials are available in the security package (0x8009030E). The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine migration at the source host: no suitable credentials available.',
    );
    expect(noCifs.hint).toBe(
      `HV3's computer account may not delegate "cifs" to HV1: add it under Delegation in Active Directory, with "Use any authentication protocol" (Kerberos only is not enough).`,
    );
    // Disks on an SMB share stay put: no storage moves, so no cifs needed.
    const onSmb = { ...k, vm: { ...k.vm, disks: [{ path: "\\\\fs\\vms\\APP01.vhdx", location: "SMB" }] } };
    expect(ruleAuthentication({ ...onSmb, delegatedServices: [MIGRATION_SERVICE] })).toEqual([]);
    expect(only(ruleAuthentication({ ...onSmb, delegatedServices: [] })).hint).toContain(
      `"${MIGRATION_SERVICE}"`,
    );
  });

  it('"Use Kerberos only": a move started away from a Windows Server 2016+ source fails; on the source, or with any protocol, it passes', () => {
    const k = {
      ...app01,
      source: { ...HV3, osBuild: "10.0.20348", migration: { ...HV1.migration, authentication: "Kerberos" } },
      delegatedServices: [MIGRATION_SERVICE, "cifs"],
    } as PreflightContext;
    const remote = only(
      ruleAuthentication({ ...k, startedFrom: "admin-center", delegationAnyProtocol: false }),
    );
    // No source gives Compare-VM a MessageId for it: 0, as for every rule but the missing switch.
    expect(remote.messageId).toBe(0);
    expect(remote.message).toBe(kerberosDelegationText("HV1"));
    expect(remote.hint).toBe(
      'HV3\'s delegation is set to "Use Kerberos only": started away from HV3, the move reaches it through WinRM (Windows Server 2016 and later), which cannot pass a Kerberos ticket on. Select "Use any authentication protocol" on HV3\'s Delegation tab.',
    );
    for (const from of ["powershell", "hyper-v-manager"] as const) {
      expect(ruleAuthentication({ ...k, startedFrom: from, delegationAnyProtocol: false })).toHaveLength(1);
    }
    expect(
      ruleAuthentication({
        ...k,
        startedFrom: "source-session",
        signedInHostId: HV3.id,
        delegationAnyProtocol: false,
      }),
    ).toEqual([]);
    // A session on another host is still remote.
    expect(
      ruleAuthentication({
        ...k,
        startedFrom: "source-session",
        signedInHostId: 999,
        delegationAnyProtocol: false,
      }),
    ).toHaveLength(1);
    expect(ruleAuthentication({ ...k, startedFrom: "admin-center", delegationAnyProtocol: true })).toEqual(
      [],
    );
    // Windows Server 2012 R2 remoted over DCOM: Kerberos only was enough there.
    const old = { ...k, source: { ...k.source, osBuild: "6.3.9600" } };
    expect(ruleAuthentication({ ...old, startedFrom: "admin-center", delegationAnyProtocol: false })).toEqual(
      [],
    );
    // A missing service is reported first, with its own hint.
    expect(
      only(
        ruleAuthentication({
          ...k,
          delegatedServices: [],
          startedFrom: "admin-center",
          delegationAnyProtocol: false,
        }),
      ).hint,
    ).toContain("may not delegate");
  });

  it("cluster moves are started by the Cluster service on the owner node: no authentication rule", () => {
    expect(ruleAuthentication(ctx({ delegatedServices: [] }))).toEqual([]);
    const credssp = { ...HV1, migration: { enabled: true, authentication: "CredSSP", useAnyNetwork: true } };
    expect(ruleAuthentication(ctx({ source: credssp, startedFrom: "powershell" }))).toEqual([]);
  });
});

describe("incoming networks", () => {
  it("matches addresses and subnets", () => {
    expect(inSubnet("192.168.10.14", "192.168.10.0/24")).toBe(true);
    expect(inSubnet("192.168.11.14", "192.168.10.0/24")).toBe(false);
    expect(inSubnet("10.1.2.3", "10.0.0.0/8")).toBe(true);
    expect(inSubnet("10.1.2.3", "0.0.0.0/0")).toBe(true);
    expect(inSubnet("10.1.2.3", "10.1.2.3/32")).toBe(true);
    expect(inSubnet("bad", "10.0.0.0/8")).toBe(false);
  });

  it("the destination's list must contain a source live-migration address, unless it uses any network", () => {
    expect(ruleIncomingNetwork(base)).toEqual([]);
    const elsewhere = { ...HV1, liveMigrationAddresses: ["10.0.0.11"] };
    const refused = only(ruleIncomingNetwork(ctx({ source: elsewhere })));
    expect(refused).toMatchObject({ messageId: 0, rule: "incoming-network" });
    expect(refused.message).toBe(
      'Failed to establish a connection with host "HV2": No connection could be made because the target machine actively refused it. (0x8007274D)',
    );
    expect(refused.hint).toContain(
      "HV2 accepts live migrations only on 192.168.10.0/24; HV1 would send from 10.0.0.11.",
    );
    const any = { ...HV2, migration: { enabled: true, authentication: "Kerberos", useAnyNetwork: true } };
    expect(ruleIncomingNetwork(ctx({ source: elsewhere, destination: any }))).toEqual([]);
    expect(ruleIncomingNetwork(ctx({ kind: "quick", source: elsewhere }))).toEqual([]);
  });
});

describe("cluster node", () => {
  it("a node of the VM's cluster that is Up, else 0x80071398", () => {
    expect(ruleClusterNode(base)).toEqual([]);
    const outside = only(ruleClusterNode(ctx({ destination: { ...HV3, cpuFeatureLevel: "Ice Lake" } })));
    expect(outside).toMatchObject({ messageId: 0, message: "The action 'Move' didn't complete." });
    expect(outside.hint).toBe("HV3 is not a node of CLUSTER1, so it cannot own the VM's role.");
    const paused = only(ruleClusterNode(ctx({ destination: { ...HV2, state: "Paused" } })));
    expect(paused.message).toBe("The action 'Move' didn't complete.");
    expect(paused.hint).toContain("Node HV2 is Paused");
    expect(ruleClusterNode({ ...app01 })).toEqual([]);
  });
});

describe("memory", () => {
  it("the destination holds the VM's assigned memory, else 0x8007000E", () => {
    expect(ruleMemory(ctx({ destinationFreeMemoryMiB: 4096 }))).toEqual([]);
    const short = only(ruleMemory(ctx({ destinationFreeMemoryMiB: 4095 })));
    expect(short).toMatchObject({
      messageId: 0,
      message: "'FS01' could not initialize memory: Ran out of memory (0x8007000E).",
    });
    expect(short.hint).toBe(
      "HV2 has 4095 MB free for virtual machines; 'FS01' needs 4096 MB. Free memory there or pick another host.",
    );
  });

  it("no room at all fails to create the partition (0x800705AA)", () => {
    expect(only(ruleMemory(ctx({ destinationFreeMemoryMiB: -10 })))).toMatchObject({
      messageId: 0,
      message:
        "Failed to create partition: Insufficient system resources exist to complete the requested service. (0x800705AA)",
    });
  });

  it("Dynamic Memory: the startup memory must fit; less than the maximum only warns", () => {
    expect(ruleMemory({ ...app01, destinationFreeMemoryMiB: 16384 })).toEqual([]);
    const w = only(ruleMemory({ ...app01, destinationFreeMemoryMiB: 10_000 }));
    expect(w.level).toBe("warning");
    expect(w.message).toBe(
      "Virtual machine 'APP01' uses Dynamic Memory up to 16384 MB; host 'HV1' has 10000 MB free.",
    );
    expect(only(ruleMemory({ ...app01, destinationFreeMemoryMiB: 8000 })).level).toBe("error");
  });

  it("a storage move needs no memory on another host", () => {
    expect(ruleMemory(ctx({ kind: "storage", destinationFreeMemoryMiB: 0 }))).toEqual([]);
  });
});

describe("processors", () => {
  const amd = { ...HV2, cpuVendor: "AMD", cpuFeatureLevel: "Zen 3" };

  it("Intel <-> AMD never: the hardware text", () => {
    expect(ruleCpuVendor(base)).toEqual([]);
    expect(only(ruleCpuVendor(ctx({ destination: amd }))).message).toBe(
      "The virtual machine cannot be moved to the destination computer. The hardware on the destination computer is not compatible with the hardware requirements of this virtual machine.",
    );
    // Processor compatibility does not help across vendors; an Off VM carries no CPU state.
    expect(
      ruleCpuVendor(ctx({ destination: amd, vm: vmWith({ processorCompatibility: true }) })),
    ).toHaveLength(1);
    expect(ruleCpuVendor(ctx({ destination: amd, vm: vmWith({ state: "Off" }) }))).toEqual([]);
  });

  it("an older generation of the same vendor needs processor compatibility", () => {
    expect(ruleCpuFeatures(app01)).toEqual([]); // Cascade Lake -> Ice Lake: newer has every feature
    const down = ctx({ destination: { ...HV3, clusterId: 1 } }); // Ice Lake -> Cascade Lake
    expect(only(ruleCpuFeatures(down)).message).toBe(
      "Virtual machine 'FS01' is using processor-specific features not supported on host 'HV3'.",
    );
    expect(ruleCpuFeatures({ ...down, vm: vmWith({ processorCompatibility: true }) })).toEqual([]);
    expect(ruleCpuFeatures(ctx({ destination: amd }))).toEqual([]); // the vendor rule says it
  });

  it("orders generations within a vendor; unknown names must match exactly", () => {
    expect(featuresAvailable("Intel", "Skylake", "Sapphire Rapids")).toBe(true);
    expect(featuresAvailable("Intel", "Sapphire Rapids", "Skylake")).toBe(false);
    expect(featuresAvailable("AMD", "Zen 2", "Zen 4")).toBe(true);
    expect(featuresAvailable("Intel", "Lab Gen 1", "Lab Gen 1")).toBe(true);
    expect(featuresAvailable("Intel", "Lab Gen 1", "Ice Lake")).toBe(false);
  });
});

describe("switches", () => {
  const legacy = ctx({ vm: vmWith({ name: "LEGACY-APP", switches: ["Legacy"] }) });

  it("every switch the VM uses exists on the destination: Compare-VM's 33012", () => {
    expect(ruleSwitches(base)).toEqual([]);
    expect(only(ruleSwitches(legacy))).toMatchObject({
      level: "error",
      rule: "switch",
      source: "Legacy",
      messageId: 33012,
      message: "Could not find Ethernet switch 'Legacy'.",
    });
  });

  it("or is mapped to one that does (names compare without case)", () => {
    expect(ruleSwitches({ ...legacy, switchMap: { Legacy: "production" } })).toEqual([]);
    const wrong = only(ruleSwitches({ ...legacy, switchMap: { Legacy: "Lab" } }));
    expect(wrong.message).toBe("Could not find Ethernet switch 'Lab'.");
    expect(wrong.hint).toBe("'Legacy' is mapped to 'Lab', which HV2 does not have either.");
  });
});

describe("storage path", () => {
  it("storage-moving kinds need a path", () => {
    expect(storageMoves("shared-nothing", app01.vm)).toBe(true);
    expect(storageMoves("live", base.vm)).toBe(false);
    expect(ruleStoragePath(app01)).toEqual([]);
    expect(only(ruleStoragePath({ ...app01, storagePath: null })).message).toBe(
      "No destination storage path was given for the files of 'APP01'.",
    );
    expect(ruleStoragePath(base)).toEqual([]);
  });

  it("a storage move needs a new folder; a clustered VM leaving the CSV is warned", () => {
    const storage = { ...app01, kind: "storage" as const, destination: HV3 };
    expect(
      only(ruleStoragePath({ ...storage, storagePath: "D:\\Hyper-V\\Virtual Hard Disks" })).message,
    ).toBe("The files of 'APP01' are already in 'D:\\Hyper-V\\Virtual Hard Disks'.");
    const clustered = ctx({ kind: "storage", destination: HV1, storagePath: "D:\\Hyper-V\\FS01" });
    expect(only(ruleStoragePath(clustered))).toMatchObject({
      level: "warning",
      message: "'D:\\Hyper-V\\FS01' is not on a Cluster Shared Volume.",
    });
    expect(ruleStoragePath({ ...clustered, storagePath: "C:\\ClusterStorage\\Volume2\\FS01" })).toEqual([]);
  });
});
