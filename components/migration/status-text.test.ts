import { describe, expect, it } from "vitest";
import { informationText, moveTitle, queueWords, wholePercent } from "./status-text";

const base = { kind: "live" as const, percent: 42.9, queuePosition: null, failure: null };

describe("informationText", () => {
  it("says what Failover Cluster Manager's Information column says, in whole percent rounded down", () => {
    expect(informationText({ ...base, status: "running" })).toBe("Live Migrating, 42% completed");
    expect(informationText({ ...base, status: "running", percent: 99.99 })).toBe(
      "Live Migrating, 99% completed",
    );
    expect(informationText({ ...base, status: "running", kind: "quick" })).toBe(
      "Quick Migrating, 42% completed",
    );
  });

  it("gives the queue position, the outcome and the failure text", () => {
    expect(informationText({ ...base, status: "queued", queuePosition: 2 })).toBe("Queued (position 2)");
    expect(informationText({ ...base, status: "queued" })).toBe("Queued");
    expect(informationText({ ...base, status: "succeeded" })).toBe("Completed");
    expect(informationText({ ...base, status: "cancelled" })).toBe("Cancelled");
    expect(
      informationText({
        ...base,
        status: "failed",
        failure: { code: "limit", message: 'Failed to perform migration on virtual machine "SQL01".' },
      }),
    ).toBe('Failed: Failed to perform migration on virtual machine "SQL01".');
  });
});

describe("words", () => {
  it("titles a move by VM and destination", () => {
    const m = { kind: "live" as const, vmName: "SQL01", destinationHost: { id: 3, name: "HV2" } };
    expect(moveTitle(m)).toBe("Move SQL01 to HV2");
    expect(moveTitle({ ...m, kind: "storage" })).toBe("Move the storage of SQL01");
  });

  it("clamps percent", () => {
    expect(wholePercent(-3)).toBe(0);
    expect(wholePercent(100.4)).toBe(100);
  });
});

describe("queueWords", () => {
  const hosts = { sourceHost: { id: 1, name: "HV1" }, destinationHost: { id: 2, name: "HV2" } };
  it("names the limit a queued move waits on, as the host's Settings and the cluster name it", () => {
    // Between two nodes of a cluster the cluster's MaximumParallelMigrations applies, not only the
    // host's own setting (the host's Settings say so beside the field).
    expect(queueWords({ ...hosts, kind: "live" })).toBe(
      "Waiting for a free migration slot: HV1 or HV2 is already moving as many VMs as its Simultaneous live migrations setting allows (between two nodes of one cluster: the cluster's MaximumParallelMigrations).",
    );
    expect(queueWords({ ...hosts, kind: "shared-nothing" })).toMatch(
      /Simultaneous live migrations and Simultaneous storage migrations settings allow\.$/,
    );
    // A storage move stays on one host and counts against its storage migrations, not live ones.
    expect(
      queueWords({ kind: "storage", sourceHost: hosts.sourceHost, destinationHost: hosts.sourceHost }),
    ).toBe(
      "Waiting for a free migration slot: HV1 is already moving as many VMs as its Simultaneous storage migrations setting allows.",
    );
  });
});
