// Kerberos delegation of a computer account, as Active Directory Users and Computers shows it on
// the Delegation tab, and what a Hyper-V host's tickets carry of it. Pure: the AD tool, the
// server's write and the migration preflight all use it. Facts and sources: docs/hyperv.md.
import { DELEGABLE_SERVICES, type DelegationMode } from "./vocabulary";

export interface DelegatedService {
  service: string;
  toHostId: number;
}

/** One account's delegation: the tab's choice and, for "specified services", its list. */
export interface DelegationState {
  mode: DelegationMode;
  /** "Use any authentication protocol" (protocol transition); only meaningful for "specified". */
  anyProtocol: boolean;
  services: DelegatedService[];
}

/** A change the host's tickets do not carry yet: since when, and what they carry until then. */
export interface TicketState {
  changedAt: Date | null;
  effective: DelegationState | null;
}

const serviceKey = (s: DelegatedService) => `${s.service.toLowerCase()}\u0000${s.toHostId}`;

/** Whether two states delegate the same way (the order of the services aside). */
export function sameDelegation(a: DelegationState, b: DelegationState): boolean {
  if (a.mode !== b.mode) return false;
  if (a.mode === "specified" && a.anyProtocol !== b.anyProtocol) return false;
  const keys = (s: DelegationState) => new Set(s.services.map(serviceKey));
  const [x, y] = [keys(a), keys(b)];
  return x.size === y.size && [...x].every((k) => y.has(k));
}

/**
 * What the host's tickets carry at `now`: the account as it is, once the change has replicated
 * and a new ticket was issued (`replicationMs` after it, or at once after a purge), else what
 * they carried before it. `pendingUntil` is when the change takes effect; null when it has.
 */
export function effectiveDelegation(
  desired: DelegationState,
  ticket: TicketState,
  now: Date,
  replicationMs: number,
): { state: DelegationState; pendingUntil: Date | null } {
  if (!ticket.changedAt || !ticket.effective) return { state: desired, pendingUntil: null };
  const until = new Date(ticket.changedAt.getTime() + replicationMs);
  if (now.getTime() >= until.getTime()) return { state: desired, pendingUntil: null };
  return { state: ticket.effective, pendingUntil: until };
}

/**
 * The ticket state after the account changes from `before` to `after` at `now`: the tickets keep
 * what they carry now (a second change restarts the wait), unless they already carry `after`.
 */
export function ticketAfterChange(
  before: DelegationState,
  ticket: TicketState,
  after: DelegationState,
  now: Date,
  replicationMs: number,
): TicketState {
  const carried = effectiveDelegation(before, ticket, now, replicationMs).state;
  return sameDelegation(carried, after)
    ? { changedAt: null, effective: null }
    : { changedAt: now, effective: carried };
}

/** Windows Server 2016 is build 14393; its Hyper-V remoting goes through WinRM. */
export function isWindowsServer2016OrLater(osBuild: string): boolean {
  const [major = 0, , build = 0] = osBuild.split(".").map(Number);
  return major > 10 || (major === 10 && build >= 14393);
}

/** The preflight's view of the source's delegation to one destination. */
export interface DelegationToHost {
  /** Services the source may delegate to that destination ("any service": every one). */
  services: string[];
  /** Protocol transition allowed ("Use any authentication protocol"). */
  anyProtocol: boolean;
}

/** What `state` lets the source delegate to `toHostId`. */
export function delegationTo(state: DelegationState, toHostId: number): DelegationToHost {
  switch (state.mode) {
    case "none":
      return { services: [], anyProtocol: false };
    case "any-service":
      // Unconstrained delegation is Kerberos only: no protocol transition.
      return { services: [...DELEGABLE_SERVICES], anyProtocol: false };
    case "specified":
      return {
        services: state.services.filter((s) => s.toHostId === toHostId).map((s) => s.service),
        anyProtocol: state.anyProtocol,
      };
  }
}

/** A service's SPNs as Active Directory stores them: "<service>/<fqdn>" and "<service>/<NETBIOS>". */
export function spnsOf(service: string, host: { name: string; fqdn: string }): string[] {
  return [`${service}/${host.fqdn}`, `${service}/${host.name}`];
}
