// Integration: the Active Directory tool's accounts, a delegation change that waits for replication,
// the purge that applies it, and the move preflight that reads it; on a real SQLite file.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CHANNEL, CIFS_SERVICE, MIGRATION_SERVICE } from "@/lib/hyperv/vocabulary";
import { planMigration } from "@/lib/migrations/plan";
import { SetDelegationInput } from "@/lib/schemas/active-directory";
import { rejection } from "@/lib/testing/rejection";
import { idOf, seedDemo } from "@/lib/testing/seed";
import {
  listComputerAccounts,
  purgeTickets,
  setActiveDirectorySettings,
  setDelegation,
} from "./active-directory";
import { updateHost } from "./hosts";

const HV1 = idOf("hosts", "HV1");
const HV3 = idOf("hosts", "HV3");
const DC1 = idOf("hosts", "DC1");
const t0 = new Date("2026-11-30T09:00:00Z");
const minutesIn = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const toHv1 = (anyProtocol: boolean) =>
  SetDelegationInput.parse({
    mode: "specified",
    anyProtocol,
    services: [
      { service: MIGRATION_SERVICE, hostId: HV1 },
      { service: CIFS_SERVICE, hostId: HV1 },
    ],
  });

/** APP01 from HV3 to HV1 (shared-nothing, storage moves), started from the gateway unless said. */
const authIssues = async (now: Date, startedFrom: "admin-center" | "source-session" = "admin-center") => {
  const plan = await planMigration(
    db,
    {
      vmId: idOf("vms", "APP01"),
      kind: "shared-nothing",
      destinationHostId: HV1,
      startedFrom,
      ...(startedFrom === "source-session" ? { signedInHostId: HV3 } : {}),
    },
    { now },
  );
  return plan.report.incompatibilities.filter((i) => i.rule === "authentication");
};

beforeEach(async () => {
  await seedDemo();
  await updateHost(HV3, { migration: { authentication: "Kerberos" } });
});

describe("the computer accounts", () => {
  it("lists every computer of the domain; the cluster nodes delegate to each other with any protocol", async () => {
    const list = await listComputerAccounts(t0);
    expect(list.domain).toMatchObject({ name: "contoso.com", replicationMinutes: 15 });
    expect(list.items.map((a) => a.name)).toEqual(["DC1", "HV1", "HV2", "HV3", "HV4", "SRV3"]);
    const hv1 = list.items.find((a) => a.name === "HV1");
    expect(hv1?.delegation).toMatchObject({ mode: "specified", anyProtocol: true });
    expect(hv1?.delegation.services.map((s) => `${s.service}/${s.hostName}`).sort()).toEqual(
      [`${MIGRATION_SERVICE}/HV2`, `${CIFS_SERVICE}/HV2`].sort(),
    );
    expect(hv1?.pendingUntil).toBeNull();
    expect(list.items.find((a) => a.name === "DC1")).toMatchObject({
      domainController: true,
      delegation: { mode: "none", services: [] },
    });
  });
});

describe("a delegation change", () => {
  it("without it a Kerberos move fails with Hyper-V's text; it waits for replication, then the move passes", async () => {
    const [missing] = await authIssues(t0);
    expect(missing?.messageId).toBe(0);
    expect(missing?.hint).toBe(
      `HV3's computer account may not delegate "${MIGRATION_SERVICE}" and "cifs" to HV1: add it under Delegation in Active Directory, with "Use any authentication protocol" (Kerberos only is not enough).`,
    );

    const view = await setDelegation(HV3, toHv1(true), t0);
    expect(view.delegation).toMatchObject({ mode: "specified", anyProtocol: true });
    expect(view.effective).toMatchObject({ mode: "none", services: [] });
    expect(view.pendingUntil).toBe(minutesIn(15).toISOString());

    const [pending] = await authIssues(minutesIn(14));
    expect(pending?.hint).toContain("A delegation change of HV3 is pending");
    expect(await authIssues(minutesIn(15))).toEqual([]);
  });

  it("writes the rows, and a lab line on the domain controller with the PowerShell", async () => {
    await setDelegation(HV3, toHv1(true), t0);
    expect(await db.delegation.count({ where: { fromHostId: HV3, toHostId: HV1 } })).toBe(2);
    const line = await db.eventLogEntry.findFirstOrThrow({ where: { hostId: DC1, channel: CHANNEL.lab } });
    expect(line.time).toEqual(t0);
    expect(line.message.split("\n")).toEqual([
      'Delegation of computer account HV3 changed (lab entry: Active Directory logs this only with directory auditing on). It takes effect on HV3 after replication and a new Kerberos ticket (15 minutes in this lab), or at once after "Purge Kerberos tickets" on HV3 (klist purge -li 0x3e7).',
      "Get-ADComputer -Identity HV3 | Set-ADAccountControl -TrustedToAuthForDelegation $true",
      "Set-ADComputer -Identity HV3 -Add @{'msDS-AllowedToDelegateTo'='Microsoft Virtual System Migration Service/hv1.contoso.com','Microsoft Virtual System Migration Service/HV1','cifs/hv1.contoso.com','cifs/HV1'}",
    ]);
  });

  it("Purge Kerberos tickets applies a pending change at once", async () => {
    await setDelegation(HV3, toHv1(true), t0);
    const purged = await purgeTickets(HV3, minutesIn(1));
    expect(purged.pendingUntil).toBeNull();
    expect(purged.effective.services).toHaveLength(2);
    expect(await authIssues(minutesIn(1))).toEqual([]);
    const line = await db.eventLogEntry.findFirstOrThrow({
      where: { hostId: HV3, channel: CHANNEL.lab },
      orderBy: { id: "desc" },
    });
    expect(line.message).toContain("Invoke-Command -ComputerName HV3 -ScriptBlock { klist purge -li 0x3e7 }");
  });

  it('"Use Kerberos only": a move started from the gateway still fails; from a session on HV3 it passes; any protocol fixes it', async () => {
    await setDelegation(HV3, toHv1(false), t0);
    await purgeTickets(HV3, t0);
    const [kerberosOnly] = await authIssues(t0);
    expect(kerberosOnly?.messageId).toBe(0);
    expect(kerberosOnly?.hint).toMatch(/^HV3's delegation is set to "Use Kerberos only"/);
    expect(await authIssues(t0, "source-session")).toEqual([]);
    await setDelegation(HV3, toHv1(true), minutesIn(1));
    await purgeTickets(HV3, minutesIn(1));
    expect(await authIssues(minutesIn(1))).toEqual([]);
  });

  it("a second change while one is pending keeps what the tickets carry; undoing it leaves nothing pending", async () => {
    await setDelegation(HV3, toHv1(true), t0);
    const undone = await setDelegation(HV3, SetDelegationInput.parse({ mode: "none" }), minutesIn(5));
    expect(undone.pendingUntil).toBeNull();
    expect(undone.delegation.mode).toBe("none");
    expect(await db.delegation.count({ where: { fromHostId: HV3 } })).toBe(0);
  });

  it("the same tab again changes nothing and logs nothing; an unknown computer is named by its path", async () => {
    const lines = () => db.eventLogEntry.count({ where: { channel: CHANNEL.lab, hostId: DC1 } });
    await setDelegation(
      HV1,
      SetDelegationInput.parse({
        mode: "specified",
        anyProtocol: true,
        services: [
          { service: CIFS_SERVICE, hostId: idOf("hosts", "HV2") },
          { service: MIGRATION_SERVICE, hostId: idOf("hosts", "HV2") },
        ],
      }),
      t0,
    );
    expect(await lines()).toBe(0);
    const error = await rejection(
      setDelegation(
        HV3,
        SetDelegationInput.parse({ mode: "specified", services: [{ service: "cifs", hostId: 999 }] }),
        t0,
      ),
    );
    expect(error.status).toBe(422);
    expect(error.details).toEqual([
      { path: "services.0.hostId", message: "No computer of contoso.com has id 999." },
    ]);
    expect(await lines()).toBe(0);
    expect((await rejection(setDelegation(999_999, toHv1(true), t0))).status).toBe(404);
  });

  it("the lab's replication delay: 0 minutes applies a change at once", async () => {
    const list = await setActiveDirectorySettings({ replicationMinutes: 0 });
    expect(list.domain?.replicationMinutes).toBe(0);
    const view = await setDelegation(HV3, toHv1(true), t0);
    expect(view.pendingUntil).toBeNull();
    expect(await authIssues(t0)).toEqual([]);
  });
});

describe("SetDelegationInput", () => {
  it("lists services only with specified services, once each, of the two a move needs", () => {
    const paths = (v: unknown) =>
      SetDelegationInput.safeParse(v).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths({ mode: "none", services: [{ service: "cifs", hostId: 1 }] })).toEqual([
      [
        "services",
        'Services are listed only with "Trust this computer for delegation to specified services only".',
      ],
    ]);
    expect(
      paths({
        mode: "specified",
        services: [
          { service: "cifs", hostId: 1 },
          { service: "cifs", hostId: 1 },
        ],
      }),
    ).toEqual([["services.1", "This service is already in the list."]]);
    expect(paths({ mode: "specified", services: [{ service: "http", hostId: 1 }] })?.[0]?.[0]).toBe(
      "services.0.service",
    );
    expect(paths({ mode: "trusted" })?.[0]?.[0]).toBe("mode");
  });
});
