// Node drain and resume, as the Cluster service does them (Suspend-ClusterNode -Drain,
// Resume-ClusterNode -Failback): role priorities, the order roles leave in, how each one moves, and
// where it goes. Pure; the facts and their sources are in docs/hyperv.md, "Cluster".
import type { MigrationKind } from "@/lib/schemas/migration";
import { psArg } from "./powershell";

/** A clustered role's priority (Get-ClusterGroup ... | Select Priority). */
export const ROLE_PRIORITIES = [3000, 2000, 1000, 0] as const;
export type RolePriority = (typeof ROLE_PRIORITIES)[number];

/** The priority as Failover Cluster Manager's Roles and "Change Startup Priority" name it. */
export const PRIORITY_LABELS: Record<RolePriority, string> = {
  3000: "High",
  2000: "Medium",
  1000: "Low",
  0: "No Auto Start",
};

/** A role's priority in words; a VM that is not clustered has none. */
export function priorityLabel(priority: number | null): string {
  return priority === null ? "" : (PRIORITY_LABELS[priority as RolePriority] ?? String(priority));
}

/**
 * The Virtual Machine resource type's MoveTypeThreshold: a drain live-migrates roles at or above
 * it and quick-migrates the rest. 2000 by default, so High and Medium go live, Low and No Auto
 * Start quick.
 */
export const MOVE_TYPE_THRESHOLD = 2000;

/** FCM's NodeDrainStatus. */
export const NODE_DRAIN_STATUSES = ["NotInitiated", "InProgress", "Completed", "Failed"] as const;
export type NodeDrainStatus = (typeof NODE_DRAIN_STATUSES)[number];

/** How a drained role moves: a live or quick migration, or (a VM that is off) a move of the role alone. */
export type DrainMoveKind = Extract<MigrationKind, "live" | "quick"> | "offline";

/**
 * How a drain moves a role: a VM that is off has no memory to move, so only the role moves; a
 * running VM at or above the threshold live-migrates; everything else (Low, No Auto Start, and a
 * paused or saved VM, which a live migration cannot take) quick-migrates.
 */
export function drainMoveKind(
  priority: number | null,
  state: string,
  threshold = MOVE_TYPE_THRESHOLD,
): DrainMoveKind {
  if (state === "Off") return "offline";
  return state === "Running" && (priority ?? 0) >= threshold ? "live" : "quick";
}

export interface DrainRole {
  id: number;
  name: string;
  priority: number | null;
}

/** The order roles leave a draining node in: highest priority first, then by name. */
export function drainOrder<T extends DrainRole>(roles: readonly T[]): T[] {
  return [...roles].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.name.localeCompare(b.name));
}

/** A node a role could go to, as the Move pane's destination list describes it. */
export interface DrainCandidate {
  hostId: number;
  name: string;
  freeMemoryMiB: number;
  /** No blocking incompatibility (memory, switches, node state, ...). */
  compatible: boolean;
  /** The first blocking reason, when not compatible. */
  reason?: string;
}

export type DrainDestination = { hostId: number; name: string } | { hostId: null; reason: string };

/**
 * Memory-aware placement: of the nodes that can take the role, the one with the most free memory
 * (ties by name); with a target node (-TargetNode), that node or nothing. When none can, the reason
 * says why, naming the node that came closest.
 */
export function chooseDrainDestination(
  role: { name: string; memoryMiB: number },
  candidates: readonly DrainCandidate[],
  targetHostId: number | null = null,
): DrainDestination {
  const pool = targetHostId === null ? candidates : candidates.filter((c) => c.hostId === targetHostId);
  const best = [...pool]
    .filter((c) => c.compatible)
    .sort((a, b) => b.freeMemoryMiB - a.freeMemoryMiB || a.name.localeCompare(b.name))[0];
  if (best) return { hostId: best.hostId, name: best.name };
  if (pool.length === 0) {
    return {
      hostId: null,
      reason:
        targetHostId === null
          ? "No other node of the cluster is Up to take it."
          : "The target node is not another node of this cluster.",
    };
  }
  const closest = [...pool].sort(
    (a, b) => b.freeMemoryMiB - a.freeMemoryMiB || a.name.localeCompare(b.name),
  )[0];
  if (closest && pool.every((c) => c.freeMemoryMiB < role.memoryMiB)) {
    return {
      hostId: null,
      reason: `No node has the memory: '${role.name}' needs ${role.memoryMiB} MB; the most any node has free is ${Math.max(0, closest.freeMemoryMiB)} MB (${closest.name}).`,
    };
  }
  return { hostId: null, reason: `${closest?.name}: ${closest?.reason ?? "cannot take it."}` };
}

/** The status a drain (or a fail-back) ends in: Failed when any role did not move. */
export function drainOutcome(
  moves: readonly { state: "queued" | "moving" | "done" | "failed" }[],
): NodeDrainStatus {
  if (moves.some((m) => m.state === "queued" || m.state === "moving")) return "InProgress";
  return moves.some((m) => m.state === "failed") ? "Failed" : "Completed";
}

/** Suspend-ClusterNode: pause a node, and with -Drain move its roles off (to -TargetNode when given). */
export function suspendScript(
  cluster: string,
  node: string,
  drain: boolean,
  target: string | null = null,
): string {
  const targetPart = drain && target ? ` -TargetNode ${psArg(target)}` : "";
  return `Suspend-ClusterNode -Name ${psArg(node)} -Cluster ${psArg(cluster)}${drain ? " -Drain" : ""}${targetPart}`;
}

/** Resume-ClusterNode: Immediate fails the drained roles back, NoFailback leaves them where they are. */
export function resumeScript(cluster: string, node: string, failback: boolean): string {
  return `Resume-ClusterNode -Name ${psArg(node)} -Cluster ${psArg(cluster)} -Failback ${failback ? "Immediate" : "NoFailback"}`;
}

/** Failover Cluster Manager's "Change Startup Priority" on a role. */
export function rolePriorityScript(cluster: string, role: string, priority: RolePriority): string {
  return `(Get-ClusterGroup -Cluster ${psArg(cluster)} -Name ${psArg(role)}).Priority = ${priority}`;
}

/** A node's drain status in words, as the Servers tool shows it (nothing before any drain). */
export function drainStatusLabel(status: NodeDrainStatus, kind: "drain" | "failback" = "drain"): string {
  if (kind === "failback") {
    return {
      NotInitiated: "",
      InProgress: "Failing back",
      Completed: "Fail-back completed",
      Failed: "Fail-back failed",
    }[status];
  }
  return { NotInitiated: "", InProgress: "Draining", Completed: "Drain completed", Failed: "Drain failed" }[
    status
  ];
}

/** How a role leaves, in the drain page's words. */
export const DRAIN_MOVE_LABELS: Record<DrainMoveKind, string> = {
  live: "Live migration",
  quick: "Quick migration",
  offline: "Role moved (VM off)",
};
