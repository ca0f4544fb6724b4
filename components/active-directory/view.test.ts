import { describe, expect, it } from "vitest";
import { delegationSummary, inEffect, type NamedDelegation, pendingText, stateOf } from "./view";

const none: NamedDelegation = { mode: "none", anyProtocol: false, services: [] };
const toHv1: NamedDelegation = {
  mode: "specified",
  anyProtocol: true,
  services: [
    { service: "cifs", hostId: 2, hostName: "HV1", hostFqdn: "hv1.contoso.com" },
    {
      service: "Microsoft Virtual System Migration Service",
      hostId: 2,
      hostName: "HV1",
      hostFqdn: "hv1.contoso.com",
    },
  ],
};
const t = Date.parse("2026-11-30T09:00:00Z");

describe("the account at the lab's now", () => {
  it("a pending change shows what the tickets carry and the time left, until it is due", () => {
    const account = {
      delegation: toHv1,
      effective: none,
      pendingUntil: new Date(t + 15 * 60_000).toISOString(),
    };
    expect(inEffect(account, t)).toEqual({ state: none, pendingMs: 15 * 60_000 });
    expect(pendingText(inEffect(account, t + 30_000).pendingMs)).toBe("Pending: takes effect in 14 min 30 s");
    expect(inEffect(account, t + 15 * 60_000)).toEqual({ state: toHv1, pendingMs: null });
    expect(pendingText(null)).toBe("In effect");
  });

  it("summarises a delegation in a few words", () => {
    expect(delegationSummary(none)).toBe("Not trusted");
    expect(delegationSummary({ ...none, mode: "any-service" })).toBe("Any service (Kerberos only)");
    expect(delegationSummary(toHv1)).toBe("2 services, any protocol");
    expect(delegationSummary({ ...toHv1, anyProtocol: false, services: toHv1.services.slice(1) })).toBe(
      "1 service, Kerberos only",
    );
  });

  it("drops services and the protocol outside 'specified services'", () => {
    expect(stateOf({ ...toHv1, mode: "none" })).toEqual({ mode: "none", anyProtocol: false, services: [] });
    expect(stateOf(toHv1).services).toEqual([
      { service: "cifs", toHostId: 2 },
      { service: "Microsoft Virtual System Migration Service", toHostId: 2 },
    ]);
  });
});
