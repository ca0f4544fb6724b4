import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { type Db, db, type Tx, writeTransaction } from "@/lib/db";
import { NotFoundError, PreconditionError, ValidationError } from "@/lib/http/errors";
import {
  type DelegationState,
  effectiveDelegation,
  sameDelegation,
  type TicketState,
  ticketAfterChange,
} from "@/lib/hyperv/delegation";
import { delegationPowerShell, purgeTicketsPowerShell } from "@/lib/hyperv/powershell";
import { CHANNEL, DELEGATION_MODES } from "@/lib/hyperv/vocabulary";
import { labNow } from "@/lib/lab/now";
import type { ActiveDirectorySettingsInput, SetDelegationInput } from "@/lib/schemas/active-directory";
import { parseList } from "./json";

const MINUTE = 60_000;
const DC_ROLE = "Active Directory Domain Services";

const StoredState = z.object({
  mode: z.enum(DELEGATION_MODES),
  anyProtocol: z.boolean(),
  services: z.array(z.object({ service: z.string(), toHostId: z.number() })),
});

type AccountRow = {
  delegation: string;
  anyProtocol: boolean;
  changedAt: Date | null;
  effective: unknown;
} | null;

/**
 * The account's Delegation tab as Active Directory has it. A host without an account row (one
 * written before accounts existed) is read as its Delegation rows say: trusted with any protocol
 * when it has some, not trusted otherwise.
 */
export function desiredOf(
  account: AccountRow,
  rows: { service: string; toHostId: number }[],
): DelegationState {
  const services = rows.map((r) => ({ service: r.service, toHostId: r.toHostId }));
  if (!account) {
    return services.length > 0
      ? { mode: "specified", anyProtocol: true, services }
      : { mode: "none", anyProtocol: false, services: [] };
  }
  const mode = StoredState.shape.mode.safeParse(account.delegation).data ?? "none";
  return { mode, anyProtocol: account.anyProtocol, services: mode === "specified" ? services : [] };
}

export function ticketOf(account: AccountRow): TicketState {
  if (!account?.changedAt) return { changedAt: null, effective: null };
  const effective = StoredState.safeParse(account.effective);
  // An unreadable snapshot carries nothing: the change counts as in effect.
  return effective.success
    ? { changedAt: account.changedAt, effective: effective.data }
    : { changedAt: null, effective: null };
}

const accountSelect = {
  id: true,
  name: true,
  fqdn: true,
  osVersion: true,
  osBuild: true,
  roles: true,
  domain: { select: { id: true, name: true, replicationMinutes: true } },
  computerAccount: true,
  delegationsFrom: {
    select: { service: true, toHostId: true, toHost: { select: { name: true, fqdn: true } } },
    orderBy: [{ toHostId: "asc" }, { service: "asc" }],
  },
} satisfies Prisma.HostSelect;
type AccountHost = Prisma.HostGetPayload<{ select: typeof accountSelect }>;

/** What a source host's Kerberos tickets let it delegate at `now`, and the account behind it. */
export async function delegationOf(client: Db | Tx, hostId: number, now: Date) {
  const host = await client.host.findUnique({
    where: { id: hostId },
    select: {
      domain: { select: { replicationMinutes: true } },
      computerAccount: true,
      delegationsFrom: { select: { service: true, toHostId: true } },
    },
  });
  const desired = desiredOf(host?.computerAccount ?? null, host?.delegationsFrom ?? []);
  const minutes = host?.domain.replicationMinutes ?? 15;
  return {
    desired,
    ...effectiveDelegation(desired, ticketOf(host?.computerAccount ?? null), now, minutes * MINUTE),
  };
}

function accountView(h: AccountHost, names: Map<number, { name: string; fqdn: string }>, now: Date) {
  const desired = desiredOf(h.computerAccount, h.delegationsFrom);
  const { state, pendingUntil } = effectiveDelegation(
    desired,
    ticketOf(h.computerAccount),
    now,
    h.domain.replicationMinutes * MINUTE,
  );
  const named = (s: DelegationState) => ({
    ...s,
    services: s.services.map((x) => ({
      service: x.service,
      hostId: x.toHostId,
      hostName: names.get(x.toHostId)?.name ?? `host ${x.toHostId}`,
      hostFqdn: names.get(x.toHostId)?.fqdn ?? "",
    })),
  });
  return {
    hostId: h.id,
    name: h.name,
    fqdn: h.fqdn,
    osVersion: h.osVersion,
    osBuild: h.osBuild,
    domainController: parseList(h.roles).includes(DC_ROLE),
    hyperV: parseList(h.roles).includes("Hyper-V"),
    delegation: named(desired),
    effective: named(state),
    pendingUntil: pendingUntil?.toISOString() ?? null,
  };
}
export type ComputerAccountView = ReturnType<typeof accountView>;

/** GET /api/active-directory/computers: every computer account of the domain, by name. */
export async function listComputerAccounts(now = labNow()) {
  const domain = await db.domain.findFirst({
    orderBy: { id: "asc" },
    select: { id: true, name: true, replicationMinutes: true },
  });
  if (!domain) return { domain: null, now: now.toISOString(), items: [] as ComputerAccountView[] };
  const hosts = await db.host.findMany({
    where: { domainId: domain.id },
    select: accountSelect,
    orderBy: { name: "asc" },
  });
  const names = new Map(hosts.map((h) => [h.id, { name: h.name, fqdn: h.fqdn }]));
  return { domain, now: now.toISOString(), items: hosts.map((h) => accountView(h, names, now)) };
}
export type ComputerAccountList = Awaited<ReturnType<typeof listComputerAccounts>>;

/** The domain controller that takes a directory change (the lab's log line goes there). */
async function domainControllerOf(tx: Tx, domainId: number, fallback: number): Promise<number> {
  const hosts = await tx.host.findMany({
    where: { domainId },
    select: { id: true, roles: true },
    orderBy: { id: "asc" },
  });
  return hosts.find((h) => parseList(h.roles).includes(DC_ROLE))?.id ?? fallback;
}

/** The lab's log line for a delegation change: the directory's own auditing is not modelled. */
export function delegationChangedText(account: string, script: string, minutes: number): string {
  return `Delegation of computer account ${account} changed (lab entry: Active Directory logs this only with directory auditing on). It takes effect on ${account} after replication and a new Kerberos ticket (${minutes} minutes in this lab), or at once after "Purge Kerberos tickets" on ${account} (klist purge -li 0x3e7).\n${script}`;
}

export function ticketsPurgedText(host: string, script: string): string {
  return `Kerberos tickets of ${host}'s local system purged (lab entry). Its next ticket carries its computer account as Active Directory has it now.\n${script}`;
}

/**
 * PATCH /api/active-directory/computers/:id: the Delegation tab applied as a whole. The host's
 * tickets keep what they carried until the change replicates (the domain's replication minutes)
 * or its tickets are purged.
 */
export async function setDelegation(hostId: number, input: SetDelegationInput, now = labNow()) {
  await writeTransaction(async (tx) => {
    const host = await tx.host.findUnique({ where: { id: hostId }, select: accountSelect });
    if (!host) throw new NotFoundError("Computer account", hostId);
    const services = input.mode === "specified" ? input.services : [];
    const targets = await tx.host.findMany({
      where: { id: { in: services.map((s) => s.hostId) }, domainId: host.domain.id },
      select: { id: true, name: true, fqdn: true },
    });
    const known = new Map(targets.map((t) => [t.id, t]));
    const issues = services.flatMap((s, i) =>
      known.has(s.hostId)
        ? []
        : [
            {
              path: `services.${i}.hostId`,
              message: `No computer of ${host.domain.name} has id ${s.hostId}.`,
            },
          ],
    );
    if (issues.length > 0) throw new ValidationError("The request has invalid fields.", issues);

    const before = desiredOf(host.computerAccount, host.delegationsFrom);
    const after: DelegationState = {
      mode: input.mode,
      anyProtocol: input.mode === "specified" ? input.anyProtocol : false,
      services: services.map((s) => ({ service: s.service, toHostId: s.hostId })),
    };
    if (sameDelegation(before, after)) return;
    // Every check is above this line.
    const delay = host.domain.replicationMinutes * MINUTE;
    const ticket = ticketAfterChange(before, ticketOf(host.computerAccount), after, now, delay);
    const data = {
      delegation: after.mode,
      anyProtocol: after.anyProtocol,
      changedAt: ticket.changedAt,
      effective: ticket.effective ? (ticket.effective as unknown as Prisma.InputJsonObject) : Prisma.DbNull,
    };
    await tx.computerAccount.upsert({ where: { hostId }, create: { hostId, ...data }, update: data });
    await tx.delegation.deleteMany({ where: { fromHostId: hostId } });
    if (after.services.length > 0) {
      await tx.delegation.createMany({ data: after.services.map((s) => ({ fromHostId: hostId, ...s })) });
    }
    const names = new Map([
      ...host.delegationsFrom.map((d) => [d.toHostId, d.toHost] as const),
      ...targets.map((t) => [t.id, t] as const),
    ]);
    const script = delegationPowerShell(host.name, names, before, after);
    await tx.eventLogEntry.create({
      data: {
        channel: CHANNEL.lab,
        eventId: 0,
        level: "Information",
        hostId: await domainControllerOf(tx, host.domain.id, host.id),
        message: delegationChangedText(host.name, script, host.domain.replicationMinutes),
        time: now,
      },
    });
  });
  return computerAccount(hostId, now);
}

/** One account as the list shows it. */
export async function computerAccount(hostId: number, now = labNow()): Promise<ComputerAccountView> {
  const host = await db.host.findUnique({ where: { id: hostId }, select: accountSelect });
  if (!host) throw new NotFoundError("Computer account", hostId);
  const others = await db.host.findMany({
    where: { domainId: host.domain.id },
    select: { id: true, name: true, fqdn: true },
  });
  return accountView(host, new Map(others.map((o) => [o.id, o])), now);
}

/**
 * POST /api/hosts/:id/purge-tickets (klist purge -li 0x3e7): the host's next ticket carries its
 * computer account as the directory has it, so a pending delegation change takes effect now.
 */
export async function purgeTickets(hostId: number, now = labNow()) {
  await writeTransaction(async (tx) => {
    const host = await tx.host.findUnique({ where: { id: hostId }, select: { id: true, name: true } });
    if (!host) throw new NotFoundError("Host", hostId);
    await tx.computerAccount.upsert({
      where: { hostId },
      // A host without an account row keeps reading its Delegation rows as before.
      create: { hostId, ...(await impliedAccount(tx, hostId)) },
      update: { changedAt: null, effective: Prisma.DbNull },
    });
    await tx.eventLogEntry.create({
      data: {
        channel: CHANNEL.lab,
        eventId: 0,
        level: "Information",
        hostId,
        message: ticketsPurgedText(host.name, purgeTicketsPowerShell(host.name)),
        time: now,
      },
    });
  });
  return computerAccount(hostId, now);
}

async function impliedAccount(tx: Tx, hostId: number) {
  const rows = await tx.delegation.findMany({
    where: { fromHostId: hostId },
    select: { service: true, toHostId: true },
  });
  const d = desiredOf(null, rows);
  return { delegation: d.mode, anyProtocol: d.anyProtocol };
}

/** PATCH /api/active-directory/settings: the lab's replication delay of every domain. */
export async function setActiveDirectorySettings(input: ActiveDirectorySettingsInput) {
  await writeTransaction(async (tx) => {
    if ((await tx.domain.count()) === 0) {
      throw new PreconditionError("The inventory has no Active Directory domain.");
    }
    await tx.domain.updateMany({ data: { replicationMinutes: input.replicationMinutes } });
  });
  return listComputerAccounts();
}
