// Cluster networks as Failover Clustering discovers them from the nodes' adapters, and the checks on
// a cluster's static address. Pure: the inventory hands in the adapters (docs/hyperv.md, "Cluster").
import { networkAddress } from "@/lib/schemas/common";

export interface NodeAdapter {
  name: string;
  ipAddress: string | null;
  prefixLength: number | null;
  /** Management | LiveMigration | Storage | Cluster | VM */
  purpose: string;
}

export type ClusterNetworkRole = "ClusterAndClient" | "ClusterOnly" | "None";

export interface DiscoveredNetwork {
  name: string;
  subnet: string;
  role: ClusterNetworkRole;
  /** The network's place in the live-migration order (1 first); null when live migration skips it. */
  liveMigrationOrder: number | null;
}

/** The adapter's subnet in CIDR (192.168.10.0/24), or null when it has no address. */
export function adapterSubnet(a: Pick<NodeAdapter, "ipAddress" | "prefixLength">): string | null {
  if (!a.ipAddress || a.prefixLength === null) return null;
  return networkAddress(`${a.ipAddress}/${a.prefixLength}`);
}

/** An IPv4 address as a number, for ordering and range checks. */
export function ipValue(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Whether `ip` lies in `cidr` (network 10.0.0.0/24 holds 10.0.0.1 ... 10.0.0.255). */
export function inSubnet(ip: string, cidr: string): boolean {
  const prefix = Number(cidr.split("/")[1] ?? 32);
  return networkAddress(`${ip}/${prefix}`) === cidr;
}

const bySubnet = (a: string, b: string) => ipValue(a.split("/")[0] ?? "") - ipValue(b.split("/")[0] ?? "");

/** Subnets every node has an adapter in, in address order. */
export function commonSubnets(nodes: { adapters: NodeAdapter[] }[]): string[] {
  if (nodes.length === 0) return [];
  const sets = nodes.map(
    (n) => new Set(n.adapters.map(adapterSubnet).filter((s): s is string => s !== null)),
  );
  const [first, ...rest] = sets;
  return [...(first ?? [])].filter((s) => rest.every((set) => set.has(s))).sort(bySubnet);
}

/**
 * One cluster network per subnet that every node shares, named "Cluster Network N" in address
 * order. The subnet of the management adapters carries clients too; one used only for storage
 * (iSCSI) is left to storage (None), as Windows Server does with iSCSI networks; the others are
 * cluster only. Live migration prefers the networks meant for it, then the cluster-only ones, then
 * the client network; never a None network.
 */
export function discoverClusterNetworks(nodes: { adapters: NodeAdapter[] }[]): DiscoveredNetwork[] {
  const adapters = nodes.flatMap((n) => n.adapters);
  const purposes = (subnet: string) =>
    new Set(adapters.filter((a) => adapterSubnet(a) === subnet).map((a) => a.purpose));
  const networks = commonSubnets(nodes).map((subnet, i) => {
    const used = purposes(subnet);
    const role: ClusterNetworkRole = used.has("Management")
      ? "ClusterAndClient"
      : [...used].every((p) => p === "Storage")
        ? "None"
        : "ClusterOnly";
    return { name: `Cluster Network ${i + 1}`, subnet, role, lm: used.has("LiveMigration") };
  });
  const rank = (n: (typeof networks)[number]) => (n.lm ? 0 : n.role === "ClusterOnly" ? 1 : 2);
  const order = networks
    .filter((n) => n.role !== "None")
    .sort((a, b) => rank(a) - rank(b) || bySubnet(a.subnet, b.subnet));
  return networks.map((network) => {
    const { lm: _, ...n } = network;
    const at = order.indexOf(network);
    return { ...n, liveMigrationOrder: at < 0 ? null : at + 1 };
  });
}

/**
 * Why `address` cannot be the cluster's static address, or null: it must lie in a network that
 * carries clients, be neither that network's own address nor its broadcast, and be used by nothing
 * else in the domain (a server's adapter, another cluster).
 */
export function staticAddressProblem(
  address: string,
  networks: Pick<DiscoveredNetwork, "subnet" | "role">[],
  taken: { address: string; by: string }[],
): string | null {
  const clientNetworks = networks.filter((n) => n.role === "ClusterAndClient");
  const network = clientNetworks.find((n) => inSubnet(address, n.subnet));
  if (!network) {
    const where = clientNetworks.map((n) => n.subnet).join(" or ");
    return where
      ? `The address must be in the cluster's client network (${where}).`
      : "The nodes share no network that carries client traffic, so the cluster has nowhere to put its address.";
  }
  const prefix = Number(network.subnet.split("/")[1]);
  const offset = ipValue(address) - ipValue(network.subnet.split("/")[0] ?? "");
  if (prefix < 31 && (offset === 0 || offset === 2 ** (32 - prefix) - 1)) {
    return `${address} is the ${offset === 0 ? "network" : "broadcast"} address of ${network.subnet}.`;
  }
  const clash = taken.find((t) => t.address === address);
  return clash ? `${address} is already used by ${clash.by}.` : null;
}
