// What the Active Directory tool shows of an account at the lab's now: the delegation its host's
// tickets carry, and how long a change still waits. Pure, so it is tested without a browser.
import type { DelegationState } from "@/lib/hyperv/delegation";
import { formatSeconds } from "@/lib/present/format";

interface NamedService {
  service: string;
  hostId: number;
  hostName: string;
  hostFqdn: string;
}
export interface NamedDelegation {
  mode: DelegationState["mode"];
  anyProtocol: boolean;
  services: NamedService[];
}
export interface AccountLike {
  delegation: NamedDelegation;
  effective: NamedDelegation;
  pendingUntil: string | null;
}

/** The delegation in effect at `now` (lab ms), and the ms until a pending change takes effect. */
export function inEffect(
  account: AccountLike,
  now: number,
): { state: NamedDelegation; pendingMs: number | null } {
  if (!account.pendingUntil) return { state: account.delegation, pendingMs: null };
  const left = Date.parse(account.pendingUntil) - now;
  return left > 0
    ? { state: account.effective, pendingMs: left }
    : { state: account.delegation, pendingMs: null };
}

/** A delegation in a few words, for the accounts table. */
export function delegationSummary(d: NamedDelegation): string {
  switch (d.mode) {
    case "none":
      return "Not trusted";
    case "any-service":
      return "Any service (Kerberos only)";
    case "specified": {
      const n = d.services.length;
      return `${n} service${n === 1 ? "" : "s"}, ${d.anyProtocol ? "any protocol" : "Kerberos only"}`;
    }
  }
}

/** "Pending: takes effect in 14 min 30 s" (replication and a new ticket), or "In effect". */
export function pendingText(pendingMs: number | null): string {
  return pendingMs === null ? "In effect" : `Pending: takes effect in ${formatSeconds(pendingMs)}`;
}

/** The account's state in the pure module's terms (host ids only). */
export function stateOf(d: {
  mode: DelegationState["mode"];
  anyProtocol: boolean;
  services: { service: string; hostId: number }[];
}): DelegationState {
  return {
    mode: d.mode,
    anyProtocol: d.mode === "specified" ? d.anyProtocol : false,
    services:
      d.mode === "specified" ? d.services.map((s) => ({ service: s.service, toHostId: s.hostId })) : [],
  };
}
