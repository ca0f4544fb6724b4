// The lessons' checks against estates built in memory: each check names what is missing for the
// states the forms can leave, and passes once nothing is. guide.test.ts drives the same checks
// through the real inventory functions.
import { describe, expect, it } from "vitest";
import type { DelegationState } from "@/lib/hyperv/delegation";
import { type LabFacts, type LabStep, lessonNamed } from "./lessons";

type Host = LabFacts["hosts"][number];
type Account = LabFacts["accounts"][number];
type Move = LabFacts["migrations"][number];

const MIGRATION = "Microsoft Virtual System Migration Service";
const NOW = "2025-01-06T09:00:00.000Z";

function server(id: number, name: string, over: Partial<Host> = {}): Host {
  return {
    id,
    name,
    fqdn: `${name.toLowerCase()}.contoso.com`,
    state: "Up",
    roles: ["Hyper-V"],
    domain: "contoso.com",
    clusterId: null,
    dataDisks: 0,
    liveMigrationNics: [{ speedMbps: 10_000, rdma: false }],
    performanceOption: "Compression",
    authentication: "CredSSP",
    liveMigrations: true,
    ...over,
  };
}

const notTrusted: DelegationState = { mode: "none", anyProtocol: false, services: [] };
const toHv1 = (services: string[], anyProtocol = true) => ({
  mode: "specified" as const,
  anyProtocol,
  services: services.map((service) => ({ service, toHostId: 1 })),
});

/** The host-settings estate as the Kerberos lesson reads it: HV1, HV3, DC1 and APP01 on HV3. */
function kerberosEstate(over: { hosts?: Partial<Record<"HV1" | "HV3", Partial<Host>>> } = {}): LabFacts {
  return {
    now: NOW,
    domain: "contoso.com",
    hosts: [
      server(1, "HV1", { authentication: "Kerberos", clusterId: 1, ...over.hosts?.HV1 }),
      server(3, "HV3", over.hosts?.HV3),
      server(9, "DC1", { roles: ["Active Directory Domain Services", "DNS Server"], liveMigrations: false }),
    ],
    accounts: [{ hostId: 3, delegation: notTrusted, tickets: notTrusted, pendingUntil: null }],
    clusters: [],
    virtualDisks: [],
    targets: [],
    vms: [
      { id: 7, name: "APP01", hostId: 3, state: "Running", highlyAvailable: false, diskCsvPaths: [null] },
    ],
    migrations: [],
  };
}

const steps = (lesson: string, f: LabFacts): LabStep[] => {
  const l = lessonNamed(lesson);
  if (!l) throw new Error(`no lesson ${lesson}`);
  return l.steps(f);
};
const missing = (lesson: string, f: LabFacts, id: string) => {
  const s = steps(lesson, f).find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s.check.missing;
};
const withAccount = (f: LabFacts, account: Partial<Account>): LabFacts => ({
  ...f,
  accounts: [{ hostId: 3, delegation: notTrusted, tickets: notTrusted, pendingUntil: null, ...account }],
});
const move = (over: Partial<Move>): Move => ({
  id: 1,
  vmName: "APP01",
  kind: "shared-nothing",
  status: "succeeded",
  startedFrom: "admin-center",
  sourceHostId: 3,
  destinationHostId: 1,
  reason: "converged",
  downtimeMs: 400,
  ...over,
});
const kerberosBoth = { hosts: { HV3: { authentication: "Kerberos" as const } } };
const delegated = toHv1([MIGRATION, "cifs"]);

describe("CredSSP vs Kerberos: step 1, the starting point", () => {
  it("passes on the lesson's estate and names what would keep the failure from being shown", () => {
    expect(missing("kerberos", kerberosEstate(), "credssp")).toEqual([]);
    const broken = kerberosEstate({ hosts: { HV1: { liveMigrations: false }, HV3: { state: "Down" } } });
    broken.vms = [{ ...(broken.vms[0] as LabFacts["vms"][number]), state: "Off" }];
    expect(missing("kerberos", broken, "credssp")).toEqual([
      "HV3 is Down: the lesson needs it up.",
      'HV1\'s live migrations are off: tick "Enable incoming and outgoing live migrations" in its Settings.',
      "APP01 is Off: start it (the lesson live-migrates a running VM).",
    ]);
  });

  it("fails when APP01 left HV3 another way, and still passes once the lesson's own move took it to HV1", () => {
    const elsewhere = kerberosEstate();
    elsewhere.vms = [{ ...(elsewhere.vms[0] as LabFacts["vms"][number]), hostId: 1 }];
    expect(missing("kerberos", elsewhere, "credssp")).toEqual([
      "APP01 runs on HV1, not HV3: start the lesson again.",
    ]);
    elsewhere.migrations = [move({ startedFrom: "source-session" })];
    expect(missing("kerberos", elsewhere, "credssp")).toHaveLength(1);
    elsewhere.migrations = [move({})];
    expect(missing("kerberos", elsewhere, "credssp")).toEqual([]);
  });
});

describe("CredSSP vs Kerberos: step 2, Kerberos on both hosts", () => {
  it("names each host still on CredSSP", () => {
    expect(
      missing("kerberos", kerberosEstate({ hosts: { HV1: { authentication: "CredSSP" } } }), "kerberos"),
    ).toEqual([
      'HV3 authenticates live migrations with CredSSP: choose "Use Kerberos" in HV3\'s Settings and Save.',
      'HV1 authenticates live migrations with CredSSP: choose "Use Kerberos" in HV1\'s Settings and Save.',
    ]);
    expect(missing("kerberos", kerberosEstate(kerberosBoth), "kerberos")).toEqual([]);
  });

  it("links to both hosts' Settings and shows Set-VMHost for each", () => {
    const step = steps("kerberos", kerberosEstate()).find((s) => s.id === "kerberos");
    expect(step?.links).toEqual([
      { label: "Open HV3's Settings", href: "/servers/3/settings" },
      { label: "Open HV1's Settings", href: "/servers/1/settings" },
    ]);
    expect(step?.powershell).toBe(
      "Set-VMHost -VirtualMachineMigrationAuthenticationType Kerberos -ComputerName HV3\nSet-VMHost -VirtualMachineMigrationAuthenticationType Kerberos -ComputerName HV1",
    );
  });
});

describe("CredSSP vs Kerberos: step 3, the delegation in Active Directory", () => {
  const f = kerberosEstate(kerberosBoth);

  it("does not take delegation to any service: it is Kerberos only", () => {
    expect(
      missing(
        "kerberos",
        withAccount(f, { delegation: { mode: "any-service", anyProtocol: false, services: [] } }),
        "delegation",
      ),
    ).toEqual([
      'HV3 is trusted for delegation to any service (Kerberos only), which has no protocol transition: choose "Trust this computer for delegation to specified services only".',
      'HV3 does not "Use any authentication protocol": select it (a move started from the gateway reaches HV3 through WinRM, which cannot pass a Kerberos ticket on).',
      `HV3 does not delegate "${MIGRATION}" on HV1: add it.`,
      'HV3 does not delegate "cifs" on HV1: add it.',
    ]);
  });

  it("counts only services on the destination, whatever the case of their names", () => {
    const toHv2 = {
      mode: "specified" as const,
      anyProtocol: true,
      services: [{ service: "cifs", toHostId: 2 }],
    };
    expect(missing("kerberos", withAccount(f, { delegation: toHv2 }), "delegation")).toEqual([
      `HV3 does not delegate "${MIGRATION}" on HV1: add it.`,
      'HV3 does not delegate "cifs" on HV1: add it.',
    ]);
    expect(
      missing(
        "kerberos",
        withAccount(f, { delegation: toHv1([MIGRATION.toLowerCase(), "CIFS"]) }),
        "delegation",
      ),
    ).toEqual([]);
  });

  it("shows the PowerShell from a fresh account, both SPNs of each service", () => {
    const step = steps("kerberos", f).find((s) => s.id === "delegation");
    expect(step?.powershell).toBe(
      "Get-ADComputer -Identity HV3 | Set-ADAccountControl -TrustedToAuthForDelegation $true\nSet-ADComputer -Identity HV3 -Add @{'msDS-AllowedToDelegateTo'='Microsoft Virtual System Migration Service/hv1.contoso.com','Microsoft Virtual System Migration Service/HV1','cifs/hv1.contoso.com','cifs/HV1'}",
    );
    expect(step?.links).toEqual([
      { label: "Open DC1's Active Directory", href: "/servers/9/active-directory" },
    ]);
  });
});

describe("CredSSP vs Kerberos: step 4, the tickets", () => {
  const f = kerberosEstate(kerberosBoth);

  it("waits for step 3, then names how long the tickets keep the old delegation", () => {
    expect(missing("kerberos", f, "tickets")).toEqual([
      "Add the delegation in Active Directory first (step 3).",
    ]);
    const pending = withAccount(f, {
      delegation: delegated,
      tickets: notTrusted,
      pendingUntil: new Date(Date.parse(NOW) + 12.5 * 60_000).toISOString(),
    });
    expect(missing("kerberos", pending, "tickets")).toEqual([
      "HV3's Kerberos tickets still carry its earlier delegation: the change takes effect in 12 min 30 s on the lab clock (replication and a new ticket), or now with \"Purge Kerberos tickets\" in HV3's Settings.",
    ]);
    expect(
      missing("kerberos", withAccount(f, { delegation: delegated, tickets: delegated }), "tickets"),
    ).toEqual([]);
  });

  it("does not pass on tickets that carry only part of it", () => {
    const partial = withAccount(f, {
      delegation: delegated,
      tickets: toHv1([MIGRATION, "cifs"], false),
      pendingUntil: new Date(Date.parse(NOW) + 60_000).toISOString(),
    });
    expect(missing("kerberos", partial, "tickets")).toHaveLength(1);
  });
});

describe("CredSSP vs Kerberos: step 5, the move from the gateway", () => {
  const ready = withAccount(kerberosEstate(kerberosBoth), { delegation: delegated, tickets: delegated });

  it("points at the first unfinished step before the move", () => {
    expect(missing("kerberos", kerberosEstate(), "move")).toEqual([
      "Switch both hosts to Kerberos first (step 2).",
    ]);
    expect(missing("kerberos", kerberosEstate(kerberosBoth), "move")).toEqual([
      "Add the delegation in Active Directory first (step 3).",
    ]);
    expect(
      missing(
        "kerberos",
        withAccount(kerberosEstate(kerberosBoth), { delegation: delegated, tickets: notTrusted }),
        "move",
      ),
    ).toEqual(["Let the delegation reach HV3's tickets first (step 4)."]);
    expect(missing("kerberos", ready, "move")).toEqual([
      "Move APP01 to HV1: Manage > Move in HV3's Virtual machines, started from this gateway (Admin Center).",
    ]);
  });

  it("counts only a completed move to HV1 started from the gateway", () => {
    const failed = { ...ready, migrations: [move({ status: "failed", reason: null })] };
    expect(missing("kerberos", failed, "move")).toEqual([
      "The last move of APP01 to HV1 did not complete: start it again.",
      "Move APP01 to HV1: Manage > Move in HV3's Virtual machines, started from this gateway (Admin Center).",
    ]);
    const queued = { ...ready, migrations: [move({ status: "queued" })] };
    expect(missing("kerberos", queued, "move")).toEqual([
      "The move of APP01 to HV1 is queued: watch it until it completes.",
    ]);
    const onSource = { ...ready, migrations: [move({ startedFrom: "source-session" })] };
    onSource.vms = [{ ...(ready.vms[0] as LabFacts["vms"][number]), hostId: 1 }];
    expect(missing("kerberos", onSource, "move")).toEqual([
      "APP01 is no longer on HV3: start the lesson again.",
    ]);
    expect(missing("kerberos", { ...ready, migrations: [move({})] }, "move")).toEqual([]);
  });

  it("shows Move-VM from the gateway, and step 1 shows it from a session on HV3 too", () => {
    const all = steps("kerberos", ready);
    const gateway =
      "Move-VM -Name APP01 -DestinationHost HV1 -IncludeStorage -DestinationStoragePath 'D:\\Hyper-V\\APP01' -ComputerName HV3";
    expect(all.find((s) => s.id === "move")?.powershell).toBe(gateway);
    expect(all.find((s) => s.id === "credssp")?.powershell.split("\n")).toEqual([
      "# From the gateway: refused while the hosts use CredSSP",
      gateway,
      "# In a session signed in on HV3: CredSSP allows it",
      "Move-VM -Name APP01 -DestinationHost HV1 -IncludeStorage -DestinationStoragePath 'D:\\Hyper-V\\APP01'",
    ]);
  });
});

describe("why a migration does not converge: the hardware and the setting", () => {
  const nodes = (over: Partial<Host>) => [
    server(1, "HV1", { clusterId: 1, liveMigrationNics: [{ speedMbps: 1_000, rdma: false }], ...over }),
    server(2, "HV2", { clusterId: 1, liveMigrationNics: [{ speedMbps: 1_000, rdma: false }], ...over }),
  ];
  const estate = (over: Partial<Host>): LabFacts => ({
    ...kerberosEstate(),
    hosts: nodes(over),
    clusters: [{ id: 1, name: "CLUSTER1", nodeIds: [1, 2] }],
    vms: [
      {
        id: 5,
        name: "ANALYTICS01",
        hostId: 1,
        state: "Running",
        highlyAvailable: true,
        diskCsvPaths: ["C:\\ClusterStorage\\Volume1"],
      },
    ],
  });

  it("checks the adapters and the performance option apart, each naming its node", () => {
    const f = estate({ performanceOption: "TCPIP" });
    expect(missing("non-convergence", f, "rdma")).toEqual([
      "HV1's live-migration adapters (1 Gbps) have no RDMA.",
      "HV2's live-migration adapters (1 Gbps) have no RDMA.",
    ]);
    expect(missing("non-convergence", f, "smb")).toEqual([
      "HV1's performance option is TCP/IP: choose SMB in HV1's Settings and Save.",
      "HV2's performance option is TCP/IP: choose SMB in HV2's Settings and Save.",
    ]);
    // SMB chosen before the hardware: the setting passes, the hardware does not.
    const smbFirst = estate({ performanceOption: "SMB" });
    expect(missing("non-convergence", smbFirst, "smb")).toEqual([]);
    expect(missing("non-convergence", smbFirst, "again")).toEqual([
      "Give the nodes RDMA adapters first (step 2).",
    ]);
    const rdma = estate({
      performanceOption: "Compression",
      liveMigrationNics: [{ speedMbps: 25_000, rdma: true }],
    });
    expect(missing("non-convergence", rdma, "rdma")).toEqual([]);
    expect(missing("non-convergence", rdma, "again")).toEqual(["Choose SMB on both nodes first (step 3)."]);
    expect(missing("non-convergence", estate({ liveMigrationNics: [] }), "rdma")).toEqual([
      "HV1 has no live-migration adapter.",
      "HV2 has no live-migration adapter.",
    ]);
  });

  it("labels the hardware as the lab's change and links the setting to each node's Settings", () => {
    const all = steps("non-convergence", estate({}));
    const hardware = all.find((s) => s.id === "rdma");
    expect(hardware?.action).toMatchObject({
      id: "rdma-adapters",
      label: "Install 25 GbE RDMA adapters (the lab's change)",
    });
    expect(hardware?.action?.note).toMatch(/^This is the lab's own change, not a Windows Admin Center form/);
    const smb = all.find((s) => s.id === "smb");
    expect(smb?.action).toBeUndefined();
    expect(smb?.links).toEqual([
      { label: "Open HV1's Settings", href: "/servers/1/settings" },
      { label: "Open HV2's Settings", href: "/servers/2/settings" },
    ]);
    expect(smb?.powershell).toBe(
      "Set-VMHost -VirtualMachineMigrationPerformanceOption SMB -ComputerName HV1\nSet-VMHost -VirtualMachineMigrationPerformanceOption SMB -ComputerName HV2",
    );
  });
});
