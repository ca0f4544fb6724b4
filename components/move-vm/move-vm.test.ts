import { describe, expect, it } from "vitest";
import { startedFromPhrase } from "@/lib/hyperv/vocabulary";
import type { DestinationOption } from "@/lib/schemas/migration";
import { selectable } from "./destination-step";
import { kindLabel } from "./texts";

const host = (over: Partial<DestinationOption>): DestinationOption => ({
  hostId: 3,
  name: "HV2",
  state: "Up",
  cpuVendor: "Intel",
  cpuFeatureLevel: "Ice Lake",
  freeMemoryMiB: 200_000,
  missingSwitches: [],
  sameCluster: true,
  compatible: true,
  ...over,
});

describe("selectable destinations", () => {
  it("offers every compatible host", () => {
    expect(selectable(host({}), "live")).toBe(true);
    expect(selectable(host({ sameCluster: false }), "shared-nothing")).toBe(true);
  });

  it("keeps a host the later steps may cure (switch mapping, where the move starts)", () => {
    const missingSwitch = host({ compatible: false, missingSwitches: ["Legacy"], reason: "map it" });
    expect(selectable(missingSwitch, "live")).toBe(true);
    const credssp = host({ sameCluster: false, compatible: false, reason: "HV3 uses CredSSP" });
    expect(selectable(credssp, "shared-nothing")).toBe(true);
  });

  it("refuses what no choice in the pane changes: a node outside the cluster, a host that is not Up", () => {
    expect(selectable(host({ sameCluster: false, compatible: false }), "live")).toBe(false);
    expect(selectable(host({ sameCluster: false, compatible: false }), "quick")).toBe(false);
    expect(selectable(host({ state: "Down", compatible: false }), "live")).toBe(false);
    expect(
      selectable(host({ state: "Paused", sameCluster: false, compatible: false }), "shared-nothing"),
    ).toBe(false);
  });
});

describe("the pane's words", () => {
  it("names the cluster in the live-migration kind when there is one", () => {
    expect(kindLabel("live", "CLUSTER1")).toBe("Live migration (to another node of CLUSTER1)");
    expect(kindLabel("live", null)).toBe("Live migration (to another node of the cluster)");
  });

  it("ends the review's sentence with the start in lower case where it is a phrase", () => {
    expect(startedFromPhrase("admin-center", "HV1")).toBe("this gateway (Admin Center)");
    expect(startedFromPhrase("source-session", "HV3")).toBe("a session signed in on the source host (HV3)");
    expect(startedFromPhrase("failover-cluster-manager", "HV1")).toBe("Failover Cluster Manager");
  });
});
