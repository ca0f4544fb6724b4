// Who may call which route: the one table the route wrapper checks, docs/access.md prints
// (npm run docs:access writes it; a test fails when it is stale) and a test walks against the
// route files. A route missing here answers 403 to everyone.
import type { Need } from "./roles";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface AccessRule {
  method: Method;
  /** The route as the file system names it, with :id for a dynamic segment. */
  path: string;
  need: Need;
  /** The audit log's name for a change made through this route. */
  action?: string;
  /** What the route does, in a few words, for docs/access.md. */
  what: string;
  /** The lab's control API: on only with LAB_CONTROL_API=1. */
  control?: true;
}

export const ACCESS: readonly AccessRule[] = [
  { method: "GET", path: "/api/health", need: "Anonymous", what: "liveness" },
  {
    method: "GET",
    path: "/api/auth/session",
    need: "Anonymous",
    what: "who is signed in, and whether sign-in is needed",
  },
  {
    method: "POST",
    path: "/api/auth/sign-in",
    need: "Anonymous",
    action: "sign-in",
    what: "sign in with name and password",
  },
  {
    method: "POST",
    path: "/api/auth/link",
    need: "Anonymous",
    action: "sign-in.link",
    what: "sign in with a one-time link",
  },
  {
    method: "POST",
    path: "/api/auth/password",
    need: "Anonymous",
    action: "password.set",
    what: "set a password from a one-time link",
  },
  {
    method: "POST",
    path: "/api/auth/sign-out",
    need: "Viewer",
    action: "sign-out",
    what: "end this session",
  },

  { method: "GET", path: "/api/hosts", need: "Viewer", what: "list servers" },
  { method: "POST", path: "/api/hosts", need: "Administrator", action: "host.add", what: "add a server" },
  { method: "GET", path: "/api/hosts/:id", need: "Viewer", what: "a server" },
  {
    method: "PATCH",
    path: "/api/hosts/:id",
    need: "Administrator",
    action: "host.change",
    what: "change a server's settings",
  },
  {
    method: "POST",
    path: "/api/hosts/:id/suspend",
    need: "Administrator",
    action: "node.suspend",
    what: "pause a cluster node, draining its roles or not (Suspend-ClusterNode [-Drain])",
  },
  {
    method: "POST",
    path: "/api/hosts/:id/resume",
    need: "Administrator",
    action: "node.resume",
    what: "resume a cluster node, failing its drained roles back or not (Resume-ClusterNode -Failback)",
  },
  {
    method: "DELETE",
    path: "/api/hosts/:id",
    need: "Administrator",
    action: "host.remove",
    what: "remove a server",
  },
  {
    method: "POST",
    path: "/api/hosts/:id/purge-tickets",
    need: "Administrator",
    action: "host.purge-tickets",
    what: "purge a host's Kerberos tickets (klist purge -li 0x3e7), so a delegation change applies now",
  },
  { method: "GET", path: "/api/clusters", need: "Viewer", what: "list clusters" },
  {
    method: "POST",
    path: "/api/clusters",
    need: "Administrator",
    action: "cluster.add",
    what: "create a cluster (New-Cluster): refused unless validation passes on the same nodes",
  },
  {
    method: "POST",
    path: "/api/clusters/validate",
    need: "Administrator",
    action: "cluster.validate",
    what: "validate servers as cluster nodes (Test-Cluster); changes nothing",
  },
  { method: "GET", path: "/api/clusters/:id", need: "Viewer", what: "a cluster" },
  {
    method: "POST",
    path: "/api/clusters/:id/disks",
    need: "Administrator",
    action: "cluster.disk.add",
    what: "add a disk every node reaches to the cluster (Add-ClusterDisk)",
  },
  {
    method: "DELETE",
    path: "/api/clusters/:id/disks/:id",
    need: "Administrator",
    action: "cluster.disk.remove",
    what: "remove a disk from the cluster (not a CSV, not the witness)",
  },
  {
    method: "POST",
    path: "/api/clusters/:id/volumes",
    need: "Administrator",
    action: "cluster.csv.add",
    what: "add a cluster disk to Cluster Shared Volumes (Add-ClusterSharedVolume)",
  },
  {
    method: "DELETE",
    path: "/api/volumes/:id",
    need: "Administrator",
    action: "cluster.csv.remove",
    what: "remove a volume from Cluster Shared Volumes (not while a VM keeps a disk on it)",
  },
  {
    method: "PATCH",
    path: "/api/clusters/:id",
    need: "Administrator",
    action: "cluster.settings",
    what: "change a cluster's live-migration networks and MaximumParallelMigrations",
  },
  { method: "GET", path: "/api/storage", need: "Viewer", what: "iSCSI target and CSVs" },
  {
    method: "GET",
    path: "/api/hosts/:id/iscsi-target",
    need: "Viewer",
    what: "a server's iSCSI Target Server: data disks, virtual disks, targets",
  },
  {
    method: "POST",
    path: "/api/iscsi/virtual-disks",
    need: "Administrator",
    action: "iscsi.disk.add",
    what: "create an iSCSI virtual disk (New-IscsiVirtualDisk)",
  },
  {
    method: "DELETE",
    path: "/api/iscsi/virtual-disks/:id",
    need: "Administrator",
    action: "iscsi.disk.remove",
    what: "remove an iSCSI virtual disk (not while a cluster or a connected node uses it)",
  },
  {
    method: "POST",
    path: "/api/iscsi/targets",
    need: "Administrator",
    action: "iscsi.target.add",
    what: "create an iSCSI target with its initiators and disks (New-IscsiServerTarget)",
  },
  {
    method: "PATCH",
    path: "/api/iscsi/targets/:id",
    need: "Administrator",
    action: "iscsi.target.change",
    what: "change the initiators a target allows (not a connected node's)",
  },
  {
    method: "DELETE",
    path: "/api/iscsi/targets/:id",
    need: "Administrator",
    action: "iscsi.target.remove",
    what: "remove an iSCSI target (not while a node is connected)",
  },
  {
    method: "POST",
    path: "/api/iscsi/targets/:id/mappings",
    need: "Administrator",
    action: "iscsi.mapping.add",
    what: "map a virtual disk to a target (Add-IscsiVirtualDiskTargetMapping)",
  },
  {
    method: "PATCH",
    path: "/api/data-disks/:id",
    need: "Administrator",
    action: "datadisk.change",
    what: "take a data disk offline or online (not offline while it holds virtual disks)",
  },
  {
    method: "GET",
    path: "/api/hosts/:id/iscsi-initiator",
    need: "Viewer",
    what: "a server's iSCSI Initiator: portals, targets, sessions, disks",
  },
  {
    method: "POST",
    path: "/api/hosts/:id/iscsi-initiator",
    need: "Administrator",
    action: "iscsi.initiator",
    what: "discover a portal, connect or disconnect a target, bring a disk online",
  },
  { method: "GET", path: "/api/vms", need: "Viewer", what: "list VMs" },
  {
    method: "POST",
    path: "/api/vms",
    need: "Administrator",
    action: "vm.add",
    what: "create a VM (New-VM), highly available on a CSV when asked (Add-ClusterVirtualMachineRole)",
  },
  { method: "GET", path: "/api/vms/:id", need: "Viewer", what: "a VM" },
  {
    method: "PATCH",
    path: "/api/vms/:id",
    need: "Administrator",
    action: "vm.settings",
    what: "change a VM's settings",
  },
  { method: "DELETE", path: "/api/vms/:id", need: "Administrator", action: "vm.delete", what: "delete a VM" },
  {
    method: "POST",
    path: "/api/vms/:id/actions",
    need: "Operator",
    action: "vm.power",
    what: "start, stop, pause, save a VM",
  },
  { method: "GET", path: "/api/vm-summary", need: "Viewer", what: "VM counts and memory" },
  {
    method: "GET",
    path: "/api/active-directory/computers",
    need: "Viewer",
    what: "the domain's computer accounts with their delegation (and what is pending)",
  },
  {
    method: "GET",
    path: "/api/active-directory/computers/:id",
    need: "Viewer",
    what: "one computer account's delegation",
  },
  {
    method: "PATCH",
    path: "/api/active-directory/computers/:id",
    need: "Administrator",
    action: "ad.delegation",
    what: "change a computer account's Kerberos delegation (effective after the replication delay)",
  },
  {
    method: "PATCH",
    path: "/api/active-directory/settings",
    need: "Administrator",
    action: "ad.settings",
    what: "the lab's Active Directory replication delay",
  },
  { method: "GET", path: "/api/event-log", need: "Viewer", what: "the hosts' event logs" },

  {
    method: "POST",
    path: "/api/migrations/compare",
    need: "Operator",
    what: "the Move pane's report and prediction",
  },
  { method: "GET", path: "/api/migrations", need: "Viewer", what: "list moves" },
  {
    method: "POST",
    path: "/api/migrations",
    need: "Operator",
    action: "migration.start",
    what: "start a move",
  },
  { method: "GET", path: "/api/migrations/:id", need: "Viewer", what: "a move" },
  {
    method: "POST",
    path: "/api/migrations/:id/cancel",
    need: "Operator",
    action: "migration.cancel",
    what: "cancel a move (an operator: only their own)",
  },
  {
    method: "POST",
    path: "/api/migrations/:id/faults",
    need: "Operator",
    action: "migration.fault",
    what: "inject a lesson fault (an operator: only into their own move)",
  },
  { method: "GET", path: "/api/migrations/:id/events", need: "Viewer", what: "a move's event stream" },
  { method: "GET", path: "/api/events", need: "Viewer", what: "every move's notifications (the bell)" },
  { method: "GET", path: "/api/drains", need: "Viewer", what: "list node drains and fail-backs" },
  {
    method: "GET",
    path: "/api/drains/:id",
    need: "Viewer",
    what: "a node drain or fail-back: its roles, throughput and link shares",
  },

  { method: "GET", path: "/api/users", need: "Administrator", what: "list users" },
  {
    method: "POST",
    path: "/api/users",
    need: "Administrator",
    action: "user.add",
    what: "add a user (answers a one-time link)",
  },
  {
    method: "PATCH",
    path: "/api/users/:id",
    need: "Administrator",
    action: "user.change",
    what: "change a user's role",
  },
  {
    method: "DELETE",
    path: "/api/users/:id",
    need: "Administrator",
    action: "user.remove",
    what: "remove a user and end their sessions",
  },
  {
    method: "POST",
    path: "/api/users/:id/link",
    need: "Administrator",
    action: "user.link",
    what: "a new one-time link to set the password",
  },
  { method: "GET", path: "/api/audit", need: "Administrator", what: "the audit log" },

  {
    method: "GET",
    path: "/api/lab/guide",
    need: "Viewer",
    what: "the guided lab: the current run, its steps checked against the estate, its quick review",
  },
  {
    method: "POST",
    path: "/api/lab/guide",
    need: "Administrator",
    action: "lab.start",
    what: "start a lesson or start it over (replaces the estate with the lesson's scenario)",
  },
  {
    method: "POST",
    path: "/api/lab/guide/answers",
    need: "Operator",
    action: "lab.answer",
    what: "answer a question of the quick review (the first answer counts)",
  },
  {
    method: "POST",
    path: "/api/lab/guide/actions",
    need: "Administrator",
    action: "lab.action",
    what: "the lab's own change to the estate, for what no form makes (new RDMA adapters in the nodes)",
  },
  { method: "GET", path: "/api/lab/clock", need: "Viewer", what: "the lab clock (mode, rate, now)" },
  {
    method: "POST",
    path: "/api/lab/clock",
    need: "Administrator",
    action: "lab.clock",
    control: true,
    what: "pause the lab clock, run it at a speed, or advance it (by an interval, to the next pass, switchover or end)",
  },
  {
    method: "GET",
    path: "/api/lab/scenarios",
    need: "Administrator",
    control: true,
    what: "the named estates a reset can restore",
  },
  {
    method: "POST",
    path: "/api/lab/reset",
    need: "Administrator",
    action: "lab.reset",
    control: true,
    what: "replace the estate with a scenario (users, sessions and the audit log stay)",
  },
  {
    method: "POST",
    path: "/api/lab/sessions",
    need: "Administrator",
    action: "lab.session",
    control: true,
    what: "create a user and a session for a test suite",
  },
];

const split = (path: string) => path.split("/").filter(Boolean);

/** The rule for a request, or null when the table has none (the catch-all's 404s have none). */
export function ruleFor(method: string, pathname: string): AccessRule | null {
  const parts = split(pathname);
  // HEAD is a GET without its body (Next runs the GET handler for it): the same rule.
  const asked = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  return (
    ACCESS.find((rule) => {
      if (rule.method !== asked) return false;
      const pattern = split(rule.path);
      return pattern.length === parts.length && pattern.every((p, i) => p === ":id" || p === parts[i]);
    }) ?? null
  );
}
