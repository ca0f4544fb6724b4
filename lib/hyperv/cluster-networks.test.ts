import { describe, expect, it } from "vitest";
import {
  adapterSubnet,
  commonSubnets,
  discoverClusterNetworks,
  inSubnet,
  type NodeAdapter,
  staticAddressProblem,
} from "./cluster-networks";

const nic = (ipAddress: string | null, purpose: string, name = purpose): NodeAdapter => ({
  name,
  ipAddress,
  prefixLength: ipAddress ? 24 : null,
  purpose,
});

/** HV1 and HV2 as the demo has them: management, live migration, iSCSI, and a VM uplink. */
const node = (n: number) => ({
  adapters: [
    nic(`10.0.0.${n}`, "Management"),
    nic(`192.168.10.${n}`, "LiveMigration"),
    nic(`192.168.20.${n}`, "Storage"),
    nic(null, "VM"),
  ],
});

describe("cluster networks", () => {
  it("reads an adapter's subnet and whether an address lies in one", () => {
    expect(adapterSubnet(nic("192.168.10.11", "x"))).toBe("192.168.10.0/24");
    expect(adapterSubnet(nic(null, "VM"))).toBeNull();
    expect(inSubnet("10.0.0.20", "10.0.0.0/24")).toBe(true);
    expect(inSubnet("10.0.1.20", "10.0.0.0/24")).toBe(false);
  });

  it("finds the subnets every node shares, in address order", () => {
    expect(commonSubnets([node(11), node(12)])).toEqual([
      "10.0.0.0/24",
      "192.168.10.0/24",
      "192.168.20.0/24",
    ]);
    const lonely = { adapters: [nic("10.0.0.13", "Management"), nic("172.16.0.13", "Storage")] };
    expect(commonSubnets([node(11), lonely])).toEqual(["10.0.0.0/24"]);
    expect(commonSubnets([])).toEqual([]);
  });

  it("names one network per shared subnet with its role and live-migration order", () => {
    expect(discoverClusterNetworks([node(11), node(12)])).toEqual([
      { name: "Cluster Network 1", subnet: "10.0.0.0/24", role: "ClusterAndClient", liveMigrationOrder: 2 },
      { name: "Cluster Network 2", subnet: "192.168.10.0/24", role: "ClusterOnly", liveMigrationOrder: 1 },
      { name: "Cluster Network 3", subnet: "192.168.20.0/24", role: "None", liveMigrationOrder: null },
    ]);
  });

  it("puts a cluster-only network before the client network when none is meant for live migration", () => {
    const plain = (n: number) => ({
      adapters: [nic(`10.0.0.${n}`, "Management"), nic(`172.16.1.${n}`, "Cluster")],
    });
    expect(discoverClusterNetworks([plain(1), plain(2)]).map((n) => [n.role, n.liveMigrationOrder])).toEqual([
      ["ClusterAndClient", 2],
      ["ClusterOnly", 1],
    ]);
  });
});

describe("the cluster's static address", () => {
  const networks = discoverClusterNetworks([node(11), node(12)]);
  it("must be in the client network", () => {
    expect(staticAddressProblem("10.0.0.20", networks, [])).toBeNull();
    expect(staticAddressProblem("192.168.10.20", networks, [])).toBe(
      "The address must be in the cluster's client network (10.0.0.0/24).",
    );
    expect(staticAddressProblem("10.0.0.20", [], [])).toMatch(/share no network that carries client traffic/);
  });
  it("is neither the network's own address nor its broadcast", () => {
    expect(staticAddressProblem("10.0.0.0", networks, [])).toBe(
      "10.0.0.0 is the network address of 10.0.0.0/24.",
    );
    expect(staticAddressProblem("10.0.0.255", networks, [])).toBe(
      "10.0.0.255 is the broadcast address of 10.0.0.0/24.",
    );
  });
  it("is used by nothing else", () => {
    expect(staticAddressProblem("10.0.0.11", networks, [{ address: "10.0.0.11", by: "HV1" }])).toBe(
      "10.0.0.11 is already used by HV1.",
    );
  });
});
