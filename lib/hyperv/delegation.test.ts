import { describe, expect, it } from "vitest";
import {
  type DelegationState,
  delegationTo,
  effectiveDelegation,
  isWindowsServer2016OrLater,
  sameDelegation,
  spnsOf,
  ticketAfterChange,
} from "./delegation";
import { CIFS_SERVICE, MIGRATION_SERVICE } from "./vocabulary";

const MIN = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 9, minutes));
const none: DelegationState = { mode: "none", anyProtocol: false, services: [] };
const toHv1: DelegationState = {
  mode: "specified",
  anyProtocol: true,
  services: [
    { service: MIGRATION_SERVICE, toHostId: 1 },
    { service: CIFS_SERVICE, toHostId: 1 },
  ],
};

describe("what a host's tickets carry", () => {
  it("a change takes effect after replication and a new ticket, and says until when it is pending", () => {
    const ticket = ticketAfterChange(none, { changedAt: null, effective: null }, toHv1, at(0), 15 * MIN);
    expect(ticket).toEqual({ changedAt: at(0), effective: none });
    expect(effectiveDelegation(toHv1, ticket, at(14), 15 * MIN)).toEqual({
      state: none,
      pendingUntil: at(15),
    });
    expect(effectiveDelegation(toHv1, ticket, at(15), 15 * MIN)).toEqual({
      state: toHv1,
      pendingUntil: null,
    });
  });

  it("a purge (no pending change) carries the account as it is at once; a zero delay too", () => {
    expect(effectiveDelegation(toHv1, { changedAt: null, effective: null }, at(0), 15 * MIN).state).toBe(
      toHv1,
    );
    const ticket = { changedAt: at(0), effective: none };
    expect(effectiveDelegation(toHv1, ticket, at(0), 0).state).toBe(toHv1);
  });

  it("a second change while one is pending keeps what the tickets carry and restarts the wait", () => {
    const first = ticketAfterChange(none, { changedAt: null, effective: null }, toHv1, at(0), 15 * MIN);
    const kerberosOnly = { ...toHv1, anyProtocol: false };
    const second = ticketAfterChange(toHv1, first, kerberosOnly, at(10), 15 * MIN);
    expect(second).toEqual({ changedAt: at(10), effective: none });
    expect(effectiveDelegation(kerberosOnly, second, at(20), 15 * MIN).pendingUntil).toEqual(at(25));
  });

  it("changing back to what the tickets carry leaves nothing pending", () => {
    const first = ticketAfterChange(none, { changedAt: null, effective: null }, toHv1, at(0), 15 * MIN);
    expect(ticketAfterChange(toHv1, first, none, at(5), 15 * MIN)).toEqual({
      changedAt: null,
      effective: null,
    });
  });
});

describe("sameDelegation", () => {
  it("ignores the order of services and the protocol outside 'specified services'", () => {
    expect(sameDelegation(toHv1, { ...toHv1, services: [...toHv1.services].reverse() })).toBe(true);
    expect(sameDelegation(toHv1, { ...toHv1, anyProtocol: false })).toBe(false);
    expect(sameDelegation(none, { ...none, anyProtocol: true })).toBe(true);
    expect(sameDelegation(toHv1, { ...toHv1, services: toHv1.services.slice(1) })).toBe(false);
  });
});

describe("delegationTo", () => {
  it("names the services to one destination and whether protocol transition is allowed", () => {
    expect(delegationTo(toHv1, 1)).toEqual({
      services: [MIGRATION_SERVICE, CIFS_SERVICE],
      anyProtocol: true,
    });
    expect(delegationTo(toHv1, 2)).toEqual({ services: [], anyProtocol: true });
    expect(delegationTo(none, 1)).toEqual({ services: [], anyProtocol: false });
    // "Any service (Kerberos only)": every service, never protocol transition.
    expect(delegationTo({ mode: "any-service", anyProtocol: true, services: [] }, 7)).toEqual({
      services: [MIGRATION_SERVICE, CIFS_SERVICE],
      anyProtocol: false,
    });
  });
});

describe("versions and names", () => {
  it("Windows Server 2016 is build 14393", () => {
    expect(isWindowsServer2016OrLater("10.0.14393")).toBe(true);
    expect(isWindowsServer2016OrLater("10.0.26100")).toBe(true);
    expect(isWindowsServer2016OrLater("10.0.10240")).toBe(false);
    expect(isWindowsServer2016OrLater("6.3.9600")).toBe(false);
  });

  it("a service delegated to a host is two SPNs: its FQDN and its NetBIOS name", () => {
    expect(spnsOf(MIGRATION_SERVICE, { name: "HV2", fqdn: "hv2.contoso.com" })).toEqual([
      "Microsoft Virtual System Migration Service/hv2.contoso.com",
      "Microsoft Virtual System Migration Service/HV2",
    ]);
  });
});
