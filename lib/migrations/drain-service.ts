import "server-only";
import { type Tx, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, PreconditionError, ValidationError } from "@/lib/http/errors";
import { drainStarted, nodePaused, nodeResumed, roleMoving } from "@/lib/hyperv/cluster-events";
import { chooseDrainDestination, type DrainCandidate, drainMoveKind, drainOrder } from "@/lib/hyperv/drain";
import { moveVmToHost } from "@/lib/inventory/vm-placement";
import type { ResumeNodeInput, SuspendNodeInput } from "@/lib/schemas/drain";
import { ACTIVE_STATUSES, type StartMigrationInput } from "@/lib/schemas/migration";
import type { Clock } from "./clock";
import { finishDrainIfDone, logOnNode } from "./drain-store";
import { freeMemory, planMigration } from "./plan";
import type { Admitted, MigrationService } from "./service";

/** A clustered role as a drain or a fail-back takes it. */
interface Role {
  id: number;
  name: string;
  state: string;
  hostId: number;
  priority: number | null;
  memoryMiB: number;
}

interface RoleMoves {
  drainId: number;
  clusterId: number;
  /** -TargetNode (a fail-back: the resumed node); null: memory-aware placement. */
  targetId: number | null;
  speed: number;
  startedById: number | null;
  now: Date;
}

/**
 * Node drain and resume (Suspend-ClusterNode -Drain, Resume-ClusterNode -Failback) on top of the
 * migration service: every role of the node leaves in priority order, live or quick by its
 * priority, each as a move the scheduler starts or queues under MaximumParallelMigrations. The
 * drain, its roles and their moves are written in one transaction; the drain ends with its last
 * role (lib/migrations/drain-store.ts).
 */
export class DrainService {
  constructor(
    private readonly migrations: MigrationService,
    private readonly clock: Clock,
    private readonly defaultSpeed: () => number,
  ) {}

  private now(): Date {
    return new Date(this.clock.now());
  }

  /** POST /api/hosts/:id/suspend: Pause > "Drain roles" or "Do not drain roles". */
  async suspend(
    nodeId: number,
    input: SuspendNodeInput,
    startedById: number | null = null,
  ): Promise<{ nodeId: number; drainId: number | null }> {
    const { drainId, admitted } = await writeTransaction(async (tx) => {
      const node = await this.clusterNode(tx, nodeId);
      if (node.state === "Down") {
        throw new PreconditionError(`${node.name} is Down: the Cluster service cannot pause or drain it.`);
      }
      const active = await tx.nodeDrain.findFirst({
        where: { nodeId, status: "InProgress" },
        select: { id: true },
      });
      if (active) {
        throw new ConflictError(`A drain of ${node.name} is already in progress (drain ${active.id}).`, {
          drainId: active.id,
        });
      }
      const target =
        input.drain && input.targetNodeId != null ? await this.target(tx, node, input.targetNodeId) : null;
      const now = this.now();
      await tx.host.update({ where: { id: nodeId }, data: { state: "Paused" } });
      if (!input.drain) {
        await logOnNode(tx, nodeId, [nodePaused(node.name, node.cluster.name)], now);
        return { drainId: null, admitted: [] };
      }
      const roles = await this.rolesOn(tx, nodeId);
      const speed = input.speed ?? this.defaultSpeed();
      const drain = await tx.nodeDrain.create({
        data: {
          kind: "drain",
          clusterId: node.cluster.id,
          nodeId,
          targetNodeId: target?.id ?? null,
          parallel: node.cluster.maxParallelMigrations,
          speed,
          startedAt: now,
        },
        select: { id: true },
      });
      await logOnNode(tx, nodeId, [drainStarted(node.name, roles.length, target?.name ?? null)], now);
      const admitted = await this.moveRoles(tx, drainOrder(roles), {
        drainId: drain.id,
        clusterId: node.cluster.id,
        targetId: target?.id ?? null,
        speed,
        startedById,
        now,
      });
      await finishDrainIfDone(tx, drain.id, now);
      return { drainId: drain.id, admitted };
    });
    await this.migrations.launch(admitted);
    return { nodeId, drainId };
  }

  /**
   * POST /api/hosts/:id/resume: the node is Up again; with fail-back, the roles its last drain
   * moved (and that still run where the drain put them) return to it, as a fail-back of its own.
   */
  async resume(
    nodeId: number,
    input: ResumeNodeInput,
    startedById: number | null = null,
  ): Promise<{ nodeId: number; failbackId: number | null }> {
    const { failbackId, admitted } = await writeTransaction(async (tx) => {
      const node = await this.clusterNode(tx, nodeId);
      if (node.state !== "Paused")
        throw new PreconditionError(`${node.name} is ${node.state}, not paused: there is nothing to resume.`);
      const active = await tx.nodeDrain.findFirst({
        where: { nodeId, status: "InProgress" },
        select: { id: true, kind: true },
      });
      if (active) {
        throw new ConflictError(
          `The ${active.kind === "drain" ? "drain" : "fail-back"} of ${node.name} is still in progress (drain ${active.id}); resume it once that has ended.`,
          { drainId: active.id },
        );
      }
      const now = this.now();
      const last = await tx.nodeDrain.findFirst({
        where: { nodeId, kind: "drain", resumedAt: null },
        orderBy: { id: "desc" },
        select: {
          id: true,
          moves: { where: { state: "done" }, select: { vmId: true, destinationHostId: true } },
        },
      });
      await tx.host.update({ where: { id: nodeId }, data: { state: "Up" } });
      if (last) await tx.nodeDrain.update({ where: { id: last.id }, data: { resumedAt: now } });
      // What fails back: roles the drain moved that still run where it put them.
      const movedTo = new Map((last?.moves ?? []).map((m) => [m.vmId, m.destinationHostId]));
      const roles = input.failback
        ? (await this.roles(tx, { id: { in: [...movedTo.keys()] }, highlyAvailable: true })).filter(
            (r) => movedTo.get(r.id) === r.hostId,
          )
        : [];
      await logOnNode(tx, nodeId, [nodeResumed(node.name, input.failback, roles.length)], now);
      if (roles.length === 0 || !last) return { failbackId: null, admitted: [] };
      const speed = input.speed ?? this.defaultSpeed();
      const failback = await tx.nodeDrain.create({
        data: {
          kind: "failback",
          clusterId: node.cluster.id,
          nodeId,
          targetNodeId: nodeId,
          drainId: last.id,
          parallel: node.cluster.maxParallelMigrations,
          speed,
          startedAt: now,
        },
        select: { id: true },
      });
      const admitted = await this.moveRoles(tx, drainOrder(roles), {
        drainId: failback.id,
        clusterId: node.cluster.id,
        targetId: nodeId,
        speed,
        startedById,
        now,
      });
      await finishDrainIfDone(tx, failback.id, now);
      return { failbackId: failback.id, admitted };
    });
    await this.migrations.launch(admitted);
    return { nodeId, failbackId };
  }

  private async clusterNode(tx: Tx, nodeId: number) {
    const node = await tx.host.findUnique({
      where: { id: nodeId },
      select: {
        id: true,
        name: true,
        state: true,
        cluster: { select: { id: true, name: true, maxParallelMigrations: true } },
      },
    });
    if (!node) throw new NotFoundError("Host", nodeId);
    if (!node.cluster) {
      throw new PreconditionError(
        `Only a cluster node can be paused or resumed; ${node.name} is not in a cluster.`,
      );
    }
    return { ...node, cluster: node.cluster };
  }

  /** -TargetNode must be another node of the cluster, and Up. */
  private async target(
    tx: Tx,
    node: { id: number; name: string; cluster: { id: number; name: string } },
    id: number,
  ) {
    const target = await tx.host.findUnique({
      where: { id },
      select: { id: true, name: true, state: true, clusterId: true },
    });
    const problem = !target
      ? `No server has id ${id}.`
      : target.clusterId !== node.cluster.id || target.id === node.id
        ? `${target.name} is not another node of ${node.cluster.name}.`
        : target.state !== "Up"
          ? `Node ${target.name} is ${target.state}; roles move only to nodes that are Up.`
          : null;
    if (problem || !target) {
      throw new ValidationError("The request has invalid fields.", [
        { path: "targetNodeId", message: problem ?? "" },
      ]);
    }
    return target;
  }

  private async roles(
    tx: Tx,
    where: { hostId?: number; id?: { in: number[] }; highlyAvailable: true },
  ): Promise<Role[]> {
    const rows = await tx.vm.findMany({
      where,
      select: { id: true, name: true, state: true, hostId: true, clusterPriority: true, memoryMiB: true },
    });
    return rows.map(({ clusterPriority, ...r }) => ({ ...r, priority: clusterPriority }));
  }

  /** The node's clustered roles (a VM that is not highly available is not the cluster's to move). */
  private rolesOn(tx: Tx, nodeId: number): Promise<Role[]> {
    return this.roles(tx, { hostId: nodeId, highlyAvailable: true });
  }

  /**
   * Each role in order: a VM that is off moves as a role at once; the others are planned (memory
   * counted against the moves admitted before them) and admitted, to run or to queue. A role that
   * no node can take is recorded as failed with the reason.
   */
  private async moveRoles(tx: Tx, roles: readonly Role[], o: RoleMoves): Promise<Admitted[]> {
    const admitted: Admitted[] = [];
    const nodes = await tx.host.findMany({
      where: { clusterId: o.clusterId },
      select: { id: true, name: true, state: true, memoryMiB: true, hostReservedMiB: true },
    });
    for (const [i, role] of roles.entries()) {
      const kind = drainMoveKind(role.priority, role.state);
      const record = {
        drainId: o.drainId,
        position: i + 1,
        vmId: role.id,
        vmName: role.name,
        priority: role.priority,
        memoryMiB: role.memoryMiB,
        kind,
        fromHostId: role.hostId,
      };
      const fail = (failure: string) =>
        tx.nodeDrainMove.create({ data: { ...record, state: "failed", failure } });
      const moving = await tx.migration.findFirst({
        where: { vmId: role.id, status: { in: [...ACTIVE_STATUSES] } },
        select: { id: true },
      });
      if (moving) {
        await fail(`It is already being moved (migration ${moving.id}).`);
        continue;
      }
      if (kind === "offline") {
        // Nothing runs, so nothing is copied: the Cluster service hands the role to the node now.
        const free = await freeMemory(tx, nodes);
        const candidates: DrainCandidate[] = nodes
          .filter((n) => n.id !== role.hostId)
          .map((n) => ({
            hostId: n.id,
            name: n.name,
            freeMemoryMiB: free.get(n.id) ?? 0,
            compatible: n.state === "Up",
            reason: `Node ${n.name} is ${n.state}; roles move only to nodes that are Up.`,
          }));
        const to = chooseDrainDestination({ name: role.name, memoryMiB: 0 }, candidates, o.targetId);
        if (to.hostId === null) {
          await fail(to.reason);
          continue;
        }
        await moveVmToHost(tx, role.id, to.hostId);
        await tx.nodeDrainMove.create({
          data: { ...record, destinationHostId: to.hostId, destinationName: to.name, state: "done" },
        });
        await logOnNode(
          tx,
          role.hostId,
          [roleMoving(role.name, this.nameOf(nodes, role.hostId), to.name)],
          o.now,
        );
        continue;
      }
      const input: StartMigrationInput = {
        vmId: role.id,
        kind,
        startedFrom: "failover-cluster-manager",
        speed: o.speed,
        destinationHostId: o.targetId ?? "best",
      };
      let plan = await planMigration(tx, input);
      const candidates: DrainCandidate[] = plan.destinations
        .filter((d) => d.sameCluster)
        .map((d) => ({
          hostId: d.hostId,
          name: d.name,
          freeMemoryMiB: d.freeMemoryMiB,
          compatible: d.compatible,
          ...(d.reason ? { reason: d.reason } : {}),
        }));
      const to = chooseDrainDestination(role, candidates, o.targetId);
      if (to.hostId === null) {
        await fail(to.reason);
        continue;
      }
      if (to.hostId !== plan.destinationHostId)
        plan = await planMigration(tx, { ...input, destinationHostId: to.hostId });
      const blocking = plan.report.incompatibilities.find((x) => x.level === "error");
      if (!plan.report.canMove || blocking) {
        await fail(blocking?.hint ?? blocking?.message ?? `${to.name} cannot take it.`);
        continue;
      }
      const move = await this.migrations.admitPlanned(
        tx,
        { ...input, destinationHostId: to.hostId },
        plan,
        o.startedById,
      );
      admitted.push(move);
      await tx.nodeDrainMove.create({
        data: {
          ...record,
          destinationHostId: to.hostId,
          destinationName: to.name,
          migrationId: move.id,
          state: move.status === "running" ? "moving" : move.status === "queued" ? "queued" : "failed",
        },
      });
      await logOnNode(
        tx,
        role.hostId,
        [roleMoving(role.name, this.nameOf(nodes, role.hostId), to.name)],
        o.now,
      );
    }
    return admitted;
  }

  private nameOf(nodes: readonly { id: number; name: string }[], id: number): string {
    return nodes.find((n) => n.id === id)?.name ?? String(id);
  }
}
