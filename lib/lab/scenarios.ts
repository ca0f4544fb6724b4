// The lab's named estates. One module builds every estate: the seed (`npm run db:seed -- --scenario
// NAME`), the control API's reset, the tests and the screenshot deck all take them from here.
// Each is the demo estate (prisma/estate.ts) or a variation of it, so the same names and ids
// hold across scenarios; a scenario may also start moves once it is written (`moves`).
import { buildBareDomainEstate, buildDemoEstate, type Estate } from "../../prisma/estate";
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
  const hv3 = byName(e.hosts, "HV3").id;
  for (const s of e.settings) s.authentication = s.hostId === hv3 ? "Kerberos" : "CredSSP";
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
];

export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name) as [string, ...string[]];

export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
