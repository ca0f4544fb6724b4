// The Cluster service's event log lines (Microsoft-Windows-FailoverClustering/Operational) for what
// the lab does to a cluster: a node paused and drained, roles moved, the node resumed (with or
// without fail-back), a cluster setting changed. Ids 1641 and 1677 are the Cluster service's own
// (docs/hyperv.md names the source); id 0 marks the lab's own line where no published id is known.
import type { LogPayload } from "@/lib/schemas/migration";
import { CHANNEL } from "./vocabulary";

export type ClusterLogEntry = Omit<LogPayload, "hostName">;

export const CLUSTER_EVENT_ID = {
  /** "Clustered role '%1' is moving from cluster node '%2' to cluster node '%3'." */
  roleMoving: 1641,
  /** "Node drain failed on Cluster node %1. ..." */
  drainFailed: 1677,
  /** The lab's own line: no published id is known for it. */
  lab: 0,
} as const;

const info = (eventId: number, message: string): ClusterLogEntry => ({
  eventId,
  level: "Information",
  channel: CHANNEL.failoverClustering,
  message,
});

export function nodePaused(node: string, cluster: string): ClusterLogEntry {
  return info(
    CLUSTER_EVENT_ID.lab,
    `Cluster node '${node}' of cluster '${cluster}' was paused; its roles stay where they are.`,
  );
}

export function drainStarted(node: string, roles: number, target: string | null): ClusterLogEntry {
  const where = target ? `to cluster node '${target}'` : "to the other nodes";
  return info(
    CLUSTER_EVENT_ID.lab,
    `Cluster node '${node}' was paused and is being drained: ${roles} clustered role(s) move ${where} in priority order.`,
  );
}

export function roleMoving(role: string, from: string, to: string): ClusterLogEntry {
  return info(
    CLUSTER_EVENT_ID.roleMoving,
    `Clustered role '${role}' is moving from cluster node '${from}' to cluster node '${to}'.`,
  );
}

export function drainCompleted(node: string, moved: number): ClusterLogEntry {
  return info(
    CLUSTER_EVENT_ID.lab,
    `Cluster node '${node}' was drained: ${moved} clustered role(s) moved to other nodes.`,
  );
}

/** 1677, the Cluster service's text, then the roles that stayed and why (the lab's words). */
export function drainFailed(
  node: string,
  failures: readonly { role: string; reason: string }[],
): ClusterLogEntry {
  const detail = failures.map((f) => `'${f.role}': ${f.reason}`).join(" ");
  return {
    eventId: CLUSTER_EVENT_ID.drainFailed,
    level: "Error",
    channel: CHANNEL.failoverClustering,
    message:
      `Node drain failed on Cluster node ${node}. \n\nReference the node's System and Application event logs and cluster logs to investigate the cause of the drain failure.  When the problem is resolved, you can retry the drain operation.` +
      (detail ? `\n\nRoles that did not move: ${detail}` : ""),
  };
}

export function nodeResumed(node: string, failback: boolean, roles: number): ClusterLogEntry {
  return info(
    CLUSTER_EVENT_ID.lab,
    failback
      ? `Cluster node '${node}' was resumed; ${roles} clustered role(s) drained from it fail back to it.`
      : `Cluster node '${node}' was resumed; its drained roles stay where they are (no fail-back).`,
  );
}

export function failbackCompleted(node: string, moved: number, failed: number): ClusterLogEntry {
  return failed === 0
    ? info(
        CLUSTER_EVENT_ID.lab,
        `Fail-back to cluster node '${node}' completed: ${moved} clustered role(s) returned.`,
      )
    : {
        eventId: CLUSTER_EVENT_ID.lab,
        level: "Warning",
        channel: CHANNEL.failoverClustering,
        message: `Fail-back to cluster node '${node}' ended: ${moved} clustered role(s) returned, ${failed} did not.`,
      };
}

export function clusterPropertyChanged(
  cluster: string,
  property: string,
  from: string,
  to: string,
): ClusterLogEntry {
  return info(
    CLUSTER_EVENT_ID.lab,
    `The cluster property '${property}' of cluster '${cluster}' changed from ${from} to ${to}.`,
  );
}
