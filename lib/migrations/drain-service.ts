import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, type Tx, writeTransaction } from "@/lib/db";
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

interface Placement {
  clusterId: number;
  /** -TargetNode (a fail-back: the resumed node); null: memory-aware placement. */
  targetId: number | null;
  speed: number;
  startedById: number | null;
  now: Date;
}

/** A role recorded with the drain, waiting to be placed. */
interface PendingRole {
  id: number;
  vmId: number;
}

/**
 * Node drain and resume (Suspend-ClusterNode -Drain, Resume-ClusterNode -Failback) on top of the
 * migration service: every role of the node leaves in priority order, live or quick by its
 * priority, each as a move the scheduler starts or queues under MaximumParallelMigrations.
 * One transaction pauses the node and records the drain with its roles (pending, in order); then
 * each role is placed and admitted in a short transaction of its own (the memory of the roles
 * placed before it counted), so pages and moves go on meanwhile. The drain ends with its last
 * role (lib/migrations/drain-store.ts); a restart picks up the roles still pending.
 */
export class DrainService {
  /** The roles being placed, one drain after the other. */
  private work: Promise<void> = Promise.resolve();
  private stopped = false;

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
    const drainId = await writeTransaction(async (tx) => {
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
        return null;
      }
      const roles = await this.rolesOn(tx, nodeId);
      const drain = await tx.nodeDrain.create({
        data: {
          kind: "drain",
          clusterId: node.cluster.id,
          nodeId,
          targetNodeId: target?.id ?? null,
          parallel: node.cluster.maxParallelMigrations,
          speed: input.speed ?? this.defaultSpeed(),
          startedById,
          startedAt: now,
        },
        select: { id: true },
      });
      await logOnNode(tx, nodeId, [drainStarted(node.name, roles.length, target?.name ?? null)], now);
      await this.recordRoles(tx, drain.id, drainOrder(roles));
      return drain.id;
    });
    if (drainId !== null) this.place(drainId);
    return { nodeId, drainId };
  }

  /**
   * POST /api/hosts/:id/resume: the node is Up again; with fail-back, the roles its last drain
   * moved (and that still run where it put them) return to it, as a fail-back of its own.
   */
  async resume(
    nodeId: number,
    input: ResumeNodeInput,
    startedById: number | null = null,
  ): Promise<{ nodeId: number; failbackId: number | null }> {
    const failbackId = await writeTransaction(async (tx) => {
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
      if (roles.length === 0 || !last) return null;
      const failback = await tx.nodeDrain.create({
        data: {
          kind: "failback",
          clusterId: node.cluster.id,
          nodeId,
          targetNodeId: nodeId,
          drainId: last.id,
          parallel: node.cluster.maxParallelMigrations,
          speed: input.speed ?? this.defaultSpeed(),
          startedById,
          startedAt: now,
        },
        select: { id: true },
      });
      await this.recordRoles(tx, failback.id, drainOrder(roles));
      return failback.id;
    });
    if (failbackId !== null) this.place(failbackId);
    return { nodeId, failbackId };
  }

  /** After a restart: go on placing the roles of drains that were still placing them. */
  async recover(): Promise<number> {
    const drains = await db.nodeDrain.findMany({
      where: { status: "InProgress", moves: { some: { state: "pending" } } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    for (const d of drains) this.place(d.id);
    await this.settled();
    return drains.length;
  }

  /** Resolves when every role recorded so far has been placed (or its drain has gone). */
  async settled(): Promise<void> {
    for (let work = this.work; ; work = this.work) {
      await work;
      if (work === this.work) return;
    }
  }

  /** A lab reset is about to replace the estate: stop placing roles, once the current one is in. */
  async halt(): Promise<void> {
    this.stopped = true;
    await this.settled();
    this.stopped = false;
  }

  /** Queues the placement of a drain's pending roles, one transaction per role, in order. */
  private place(drainId: number): void {
    this.work = this.work
      .then(() => this.placeAll(drainId))
      .catch((error: unknown) => console.error(`drain ${drainId}: placing its roles failed`, error));
  }

  private async placeAll(drainId: number): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const step = await writeTransaction(async (tx) => {
        const drain = await tx.nodeDrain.findUnique({
          where: { id: drainId },
          select: {
            clusterId: true,
            targetNodeId: true,
            kind: true,
            nodeId: true,
            speed: true,
            startedById: true,
            moves: { where: { state: "pending" }, orderBy: { position: "asc" }, take: 1 },
          },
        });
        const move = drain?.moves[0];
        if (!drain || !move) {
          if (drain) await finishDrainIfDone(tx, drainId, this.now());
          return null;
        }
        const admitted = await this.placeRole(tx, move, {
          clusterId: drain.clusterId,
          targetId: drain.kind === "failback" ? drain.nodeId : drain.targetNodeId,
          speed: drain.speed,
          startedById: drain.startedById,
          now: this.now(),
        });
        return { admitted };
      });
      if (!step) return;
      // Each transaction waits a turn of the event loop (lib/db.ts), so requests go on meanwhile.
      if (step.admitted) await this.migrations.launch([step.admitted]);
    }
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

  /** The drain's roles in the order they leave, each pending until it is placed. */
  private async recordRoles(tx: Tx, drainId: number, roles: readonly Role[]): Promise<void> {
    if (roles.length === 0) return;
    await tx.nodeDrainMove.createMany({
      data: roles.map((role, i) => ({
        drainId,
        position: i + 1,
        vmId: role.id,
        vmName: role.name,
        priority: role.priority,
        memoryMiB: role.memoryMiB,
        kind: drainMoveKind(role.priority, role.state),
        fromHostId: role.hostId,
        state: "pending",
      })),
    });
  }

  /**
   * One pending role: a VM that is off moves as a role at once; any other is planned (memory
   * counted against the moves admitted before it) and admitted, to run or to queue. A role that no
   * node can take is recorded as failed with the reason.
   */
  private async placeRole(tx: Tx, move: PendingRole, o: Placement): Promise<Admitted | null> {
    const vm = await tx.vm.findUnique({
      where: { id: move.vmId },
      select: { id: true, name: true, state: true, hostId: true, clusterPriority: true, memoryMiB: true },
    });
    const update = (data: Prisma.NodeDrainMoveUpdateInput) =>
      tx.nodeDrainMove.update({ where: { id: move.id }, data });
    const fail = (failure: string) => update({ state: "failed", failure });
    if (!vm) {
      await fail("The virtual machine is no longer in the inventory.");
      return null;
    }
    // The state may have changed since the drain started: the kind follows the VM as it is now.
    const kind = drainMoveKind(vm.clusterPriority, vm.state);
    const moving = await tx.migration.findFirst({
      where: { vmId: vm.id, status: { in: [...ACTIVE_STATUSES] } },
      select: { id: true },
    });
    if (moving) {
      await fail(`It is already being moved (migration ${moving.id}).`);
      return null;
    }
    const nodes = await tx.host.findMany({
      where: { clusterId: o.clusterId },
      select: { id: true, name: true, state: true, memoryMiB: true, hostReservedMiB: true },
    });
    const from = nodes.find((n) => n.id === vm.hostId)?.name ?? String(vm.hostId);
    if (kind === "offline") {
      // Nothing runs, so nothing is copied: the Cluster service hands the role to the node now.
      const free = await freeMemory(tx, nodes);
      const candidates: DrainCandidate[] = nodes
        .filter((n) => n.id !== vm.hostId)
        .map((n) => ({
          hostId: n.id,
          name: n.name,
          freeMemoryMiB: free.get(n.id) ?? 0,
          compatible: n.state === "Up",
          reason: `Node ${n.name} is ${n.state}; roles move only to nodes that are Up.`,
        }));
      const to = chooseDrainDestination({ name: vm.name, memoryMiB: 0 }, candidates, o.targetId);
      if (to.hostId === null) {
        await fail(to.reason);
        return null;
      }
      await moveVmToHost(tx, vm.id, to.hostId);
      await update({ kind, destinationHostId: to.hostId, destinationName: to.name, state: "done" });
      await logOnNode(tx, vm.hostId, [roleMoving(vm.name, from, to.name)], o.now);
      return null;
    }
    const input: StartMigrationInput = {
      vmId: vm.id,
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
    const to = chooseDrainDestination(vm, candidates, o.targetId);
    if (to.hostId === null) {
      await fail(to.reason);
      return null;
    }
    if (to.hostId !== plan.destinationHostId)
      plan = await planMigration(tx, { ...input, destinationHostId: to.hostId });
    const blocking = plan.report.incompatibilities.find((x) => x.level === "error");
    if (!plan.report.canMove || blocking) {
      await fail(blocking?.hint ?? blocking?.message ?? `${to.name} cannot take it.`);
      return null;
    }
    const admitted = await this.migrations.admitPlanned(
      tx,
      { ...input, destinationHostId: to.hostId },
      plan,
      o.startedById,
    );
    await update({
      kind,
      destinationHostId: to.hostId,
      destinationName: to.name,
      migration: { connect: { id: admitted.id } },
      state: admitted.status === "running" ? "moving" : admitted.status === "queued" ? "queued" : "failed",
      ...(admitted.status === "failed" ? { failure: "The migration limit was reached." } : {}),
    });
    await logOnNode(tx, vm.hostId, [roleMoving(vm.name, from, to.name)], o.now);
    return admitted;
  }
}
