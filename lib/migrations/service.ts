import "server-only";
import { db, type Tx, writeTransaction } from "@/lib/db";
import type { MigrationInput, SimEvent } from "@/lib/engine/types";
import { ConflictError, MigrationBlockedError } from "@/lib/http/errors";
import {
  ACTIVE_STATUSES,
  type Incompatibility,
  MIGRATION_STATE,
  type MigrationDto,
  type MigrationFaultInput,
  type MigrationKind,
  type StartMigrationInput,
  type StreamPayloads,
} from "@/lib/schemas/migration";
import type { MigrationBus, Published } from "./bus";
import type { Clock } from "./clock";
import * as texts from "./log-texts";
import { type MigrationPlan, planMigration } from "./plan";
import { MigrationRunner } from "./runner";
import { blockingLimit, type LimitContext, pickStartable, queuesAtLimit, type SlotMove } from "./scheduler";
import { appendEvents, getMigrationDto, type NewEvent } from "./store";

export interface ServiceOptions {
  clock: Clock;
  bus: MigrationBus;
  /** Simulated-time multiplier when a request does not ask for one (LAB_SPEED). */
  defaultSpeed: number;
}

interface MoveFacts {
  id: number;
  vmId: number;
  vmName: string;
  kind: MigrationKind;
  sourceHostId: number;
  sourceHostName: string;
  destinationHostId: number;
  destinationHostName: string;
  storagePath: string | null;
}

const moveFactsSelect = {
  id: true,
  vmId: true,
  vmName: true,
  kind: true,
  sourceHostId: true,
  destinationHostId: true,
  storagePath: true,
  sourceHost: { select: { name: true } },
  destinationHost: { select: { name: true } },
} as const;

async function moveFacts(tx: Tx, id: number): Promise<MoveFacts> {
  const m = await tx.migration.findUniqueOrThrow({ where: { id }, select: moveFactsSelect });
  return {
    id: m.id,
    vmId: m.vmId,
    vmName: m.vmName,
    kind: m.kind as MigrationKind,
    sourceHostId: m.sourceHostId,
    sourceHostName: m.sourceHost.name,
    destinationHostId: m.destinationHostId,
    destinationHostName: m.destinationHost.name,
    storagePath: m.storagePath,
  };
}

/** A line of the move's log; Hyper-V's own events (id > 0) also go to the host's event log. */
function logEvent(atMs: number, hostId: number, hostName: string, entry: texts.LogEntry): NewEvent {
  return { type: "log", atMs, ...(entry.eventId > 0 ? { hostId } : {}), data: { ...entry, hostName } };
}

async function limitContext(tx: Tx): Promise<LimitContext> {
  const [hosts, clusters] = await Promise.all([
    tx.host.findMany({
      select: {
        id: true,
        clusterId: true,
        migrationSettings: { select: { maxLiveMigrations: true, maxStorageMigrations: true } },
      },
    }),
    tx.cluster.findMany({ select: { id: true, maxParallelMigrations: true } }),
  ]);
  return {
    hosts: new Map(
      hosts.map((h) => [
        h.id,
        {
          clusterId: h.clusterId,
          maxLiveMigrations: h.migrationSettings?.maxLiveMigrations ?? 2,
          maxStorageMigrations: h.migrationSettings?.maxStorageMigrations ?? 2,
        },
      ]),
    ),
    clusters: new Map(clusters.map((c) => [c.id, c.maxParallelMigrations])),
  };
}

const slotSelect = { id: true, kind: true, sourceHostId: true, destinationHostId: true } as const;
const asSlot = (m: {
  id: number;
  kind: string;
  sourceHostId: number;
  destinationHostId: number;
}): SlotMove => ({
  ...m,
  kind: m.kind as MigrationKind,
});

/**
 * Orchestrates moves: preflight and limits on submit, the FIFO queue, the runner's events into
 * the store (then the bus), the switchover transaction, and the resolution of moves left
 * running by a restart.
 */
export class MigrationService {
  readonly runner: MigrationRunner;
  private readonly clock: Clock;
  private readonly bus: MigrationBus;
  private readonly defaultSpeed: number;

  constructor(options: ServiceOptions) {
    this.clock = options.clock;
    this.bus = options.bus;
    this.defaultSpeed = options.defaultSpeed;
    this.runner = new MigrationRunner(options.clock, (events) => this.handle(events));
  }

  private now(): Date {
    return new Date(this.clock.now());
  }

  private publish(published: readonly Published[]): void {
    for (const p of published) this.bus.publish(p);
  }

  /** POST /api/migrations: 202 { id, status }, or a 422 report, or 409 when the VM is moving. */
  async start(
    input: StartMigrationInput,
    idempotencyKey?: string,
  ): Promise<{ id: number; status: MigrationDto["status"] }> {
    const result = await writeTransaction(async (tx) => {
      if (idempotencyKey) {
        const existing = await tx.migration.findUnique({
          where: { idempotencyKey },
          select: { id: true, status: true, vmId: true, kind: true, startedFrom: true },
        });
        if (existing) {
          // A key names one request: reusing it for another move is a client bug, not a repeat.
          if (
            existing.vmId !== input.vmId ||
            existing.kind !== input.kind ||
            existing.startedFrom !== input.startedFrom
          ) {
            throw new ConflictError(
              `Idempotency-Key "${idempotencyKey}" was already used for another move (migration ${existing.id}).`,
              { migrationId: existing.id },
            );
          }
          return { id: existing.id, status: existing.status, published: [], run: null };
        }
      }
      const moving = await tx.migration.findFirst({
        where: { vmId: input.vmId, status: { in: [...ACTIVE_STATUSES] } },
        select: { id: true, vmName: true },
      });
      if (moving) {
        throw new ConflictError(
          `Virtual machine '${moving.vmName}' is already being moved (migration ${moving.id}).`,
          { migrationId: moving.id },
        );
      }
      const plan = await planMigration(tx, input);
      const destinationHostId = plan.destinationHostId;
      if (!plan.report.canMove || !plan.engineInput || destinationHostId === null) {
        const first = plan.report.incompatibilities.find((issue) => issue.level === "error");
        throw new MigrationBlockedError(first?.message ?? "No destination can take this virtual machine.", {
          report: plan.report,
        });
      }
      return this.create(tx, input, plan, destinationHostId, plan.engineInput, idempotencyKey);
    });
    this.publish(result.published);
    if (result.run) {
      // The move is committed and in the runner even if its first store step failed; the runner
      // retries that step, so the 202 stands.
      await this.runner.start(result.id, result.run.input, result.run.speed).catch(() => undefined);
    }
    return { id: result.id, status: result.status as MigrationDto["status"] };
  }

  private async create(
    tx: Tx,
    input: StartMigrationInput,
    plan: MigrationPlan,
    destinationHostId: number,
    engineInput: MigrationInput,
    idempotencyKey: string | undefined,
  ) {
    const now = this.now();
    const speed = input.speed ?? this.defaultSpeed;
    const move: SlotMove = { id: 0, kind: plan.kind, sourceHostId: plan.sourceHostId, destinationHostId };
    const [running, queued, limits] = await Promise.all([
      tx.migration.findMany({ where: { status: "running" }, select: slotSelect }),
      tx.migration.findMany({ where: { status: "queued" }, select: slotSelect }),
      limitContext(tx),
    ]);
    // A move may start at once only if no earlier queued move of its class waits for one of its hosts.
    const waitingBehind = queued.some(
      (q) =>
        (q.kind === "storage") === (move.kind === "storage") &&
        [q.sourceHostId, q.destinationHostId].some(
          (h) => h === move.sourceHostId || h === move.destinationHostId,
        ),
    );
    const limit = blockingLimit(move, running.map(asSlot), limits);
    const queues = queuesAtLimit(input.startedFrom);
    // Hyper-V Manager and PowerShell talk to the host: only a limit really reached refuses them.
    const atLimit = limit !== null || (queues && waitingBehind);
    const status = !atLimit ? "running" : queues ? "queued" : "failed";

    const row = await tx.migration.create({
      data: {
        vmId: plan.vm.id,
        vmName: plan.vm.name,
        kind: plan.kind,
        sourceHostId: plan.sourceHostId,
        destinationHostId,
        startedFrom: input.startedFrom,
        signedInHostId: input.signedInHostId ?? null,
        storagePath: input.storagePath ?? plan.defaultStoragePath,
        switchMap: JSON.stringify(input.switchMap ?? {}),
        status,
        speed,
        seed: input.seed ?? 0,
        idempotencyKey: idempotencyKey ?? null,
        input: "{}",
        prediction: JSON.stringify(plan.prediction),
        createdAt: now,
        startedAt: status === "running" ? now : null,
        finishedAt: status === "failed" ? now : null,
      },
      select: { id: true },
    });
    // Without a seed the move's id is its seed: every move is still reproducible.
    const seed = input.seed ?? row.id;
    const runInput: MigrationInput = { ...engineInput, seed, noiseKey: "migration" };
    await tx.migration.update({ where: { id: row.id }, data: { seed, input: JSON.stringify(runInput) } });
    const facts = await moveFacts(tx, row.id);

    const events: NewEvent[] = [];
    const extra: Record<string, unknown> = {};
    if (status === "running") {
      events.push(statusEvent("running", texts.runningMessage(facts)));
      events.push(logEvent(0, facts.sourceHostId, facts.sourceHostName, texts.initiated(facts)));
    } else if (status === "queued") {
      const position = queued.filter((q) => q.sourceHostId === facts.sourceHostId).length + 1;
      events.push({
        type: "status",
        atMs: 0,
        data: {
          status: "queued",
          message: texts.queuedMessage(facts, limit?.limit),
          queuePosition: position,
        },
      });
    } else {
      const hitLimit = limit?.limit ?? limitFromHosts(limits, move);
      const entry = texts.limitReached(facts, hitLimit);
      events.push(logEvent(0, facts.sourceHostId, facts.sourceHostName, entry));
      events.push(doneEvent(0, "failed", null, { code: "migration-limit", message: entry.message }));
      Object.assign(extra, { failureCode: "migration-limit", failureMessage: entry.message, stage: "done" });
    }
    const published = await appendEvents(tx, row.id, events, now, extra);
    return {
      id: row.id,
      status,
      published,
      run: status === "running" ? { input: runInput, speed } : null,
    };
  }

  /** POST /api/migrations/:id/cancel. */
  async cancel(id: number): Promise<MigrationDto> {
    const before = await getMigrationDto(id);
    if (before.status === "queued") {
      const published = await writeTransaction(async (tx) => {
        const current = await tx.migration.findUniqueOrThrow({ where: { id }, select: { status: true } });
        if (current.status !== "queued") return null;
        const facts = await moveFacts(tx, id);
        const entry = texts.cancelled(facts);
        return appendEvents(
          tx,
          id,
          [
            logEvent(0, facts.sourceHostId, facts.sourceHostName, entry),
            doneEvent(0, "cancelled", null, { code: "cancelled", message: entry.message }),
          ],
          this.now(),
          {
            status: "cancelled",
            stage: "done",
            finishedAt: this.now(),
            failureCode: "cancelled",
            failureMessage: entry.message,
          },
        );
      });
      if (published) {
        this.publish(published);
        await this.pump();
        return getMigrationDto(id);
      }
      return this.cancel(id);
    }
    if (before.status === "running" && !before.switchedOver) {
      await this.runner.settled(); // a start queued by pump() is in the runner after this
      if (!this.runner.isRunning(id)) {
        // Running in the database but not in this process (a failed start): resolve it now.
        await this.resolveStranded(id, false, "cancel");
        return getMigrationDto(id);
      }
      await this.runner.cancel(id);
      const after = await getMigrationDto(id);
      if (after.status === "cancelled") return after;
    }
    const latest = await getMigrationDto(id);
    throw new ConflictError(texts.tooLateToCancel(latest), {
      status: latest.status,
      switchedOver: latest.switchedOver,
    });
  }

  /** POST /api/migrations/:id/faults: "pull the cable" or throttle the link, now. */
  async fault(id: number, input: MigrationFaultInput): Promise<MigrationDto> {
    await this.runner.settled(); // a move pump() just started is in the runner after this
    const dto = await getMigrationDto(id);
    if (dto.status !== "running" || !this.runner.isRunning(id)) {
      throw new ConflictError(
        `Migration ${id} is ${dto.status}; a fault can only be injected into a running move.`,
        {
          status: dto.status,
        },
      );
    }
    const migrationId = String(id);
    await this.runner.fault(
      id,
      input.kind === "link-down"
        ? { kind: "link-down", migrationId }
        : { kind: "slow-link", migrationId, bytesPerSecond: (input.mbps * 1_000_000) / 8 },
    );
    return getMigrationDto(id);
  }

  /** The runner's events: stored (with the row changes they imply), then published. */
  private async handle(events: SimEvent[]): Promise<void> {
    const byMigration = new Map<number, SimEvent[]>();
    for (const e of events) {
      const id = Number(e.migrationId);
      const list = byMigration.get(id) ?? [];
      list.push(e);
      byMigration.set(id, list);
    }
    let finished = false;
    const vanished: number[] = [];
    const published = await writeTransaction(async (tx) => {
      const out: Published[] = [];
      for (const [id, list] of byMigration) {
        // A move whose row is gone (its VM deleted, the estate reseeded) has nothing to store.
        if (!(await tx.migration.findUnique({ where: { id }, select: { id: true } }))) {
          vanished.push(id);
          continue;
        }
        const { published: p, done } = await this.persist(tx, id, list);
        out.push(...p);
        finished ||= done;
      }
      return out;
    });
    this.publish(published);
    // Stop simulating them; their rollback events will find no row either and be dropped.
    for (const id of vanished) void this.runner.cancel(id).catch(() => undefined);
    if (finished) await this.pump();
  }

  private async persist(
    tx: Tx,
    id: number,
    list: SimEvent[],
  ): Promise<{ published: Published[]; done: boolean }> {
    const facts = await moveFacts(tx, id);
    const now = this.now();
    const events: NewEvent[] = [];
    const row: Record<string, unknown> = {};
    let done = false;
    for (const e of list) {
      switch (e.type) {
        case "stage-started":
          events.push(stageEvent(e.atMs, e.stage, "started"));
          row.stage = e.stage;
          if (e.stage === "cleanup") {
            // Switchover: the destination runs the VM now. One transaction moves it and its memory.
            await this.switchOver(tx, facts);
            row.switchedOver = true;
            events.push({
              type: "switchover",
              atMs: e.atMs,
              data: {
                destinationHostId: facts.destinationHostId,
                destinationHostName: facts.destinationHostName,
              },
            });
          }
          break;
        case "stage-completed":
          events.push(stageEvent(e.atMs, e.stage, "completed"));
          break;
        case "pass": {
          const { type: _t, migrationId: _m, ...data } = e;
          events.push({ type: "pass", atMs: e.atMs, data });
          break;
        }
        case "progress": {
          const { type: _t, migrationId: _m, ...data } = e;
          events.push({ type: "progress", atMs: e.atMs, data });
          row.percent = e.percent;
          break;
        }
        case "blackout-started":
          events.push({
            type: "blackout",
            atMs: e.atMs,
            data: { phase: "started", bytesToSend: e.bytesToSend },
          });
          // A quick migration saves the VM first: it shows Saved until restored (clients drop).
          if (facts.kind === "quick") await saveForQuickMove(tx, id, facts.vmId);
          break;
        case "blackout-ended":
          events.push({ type: "blackout", atMs: e.atMs, data: { phase: "ended", downtimeMs: e.downtimeMs } });
          break;
        case "fault":
          events.push({ type: "fault", atMs: e.atMs, data: { fault: e.fault, effect: e.effect } });
          events.push(
            logEvent(e.atMs, facts.sourceHostId, facts.sourceHostName, texts.faultInjected(facts, e.fault)),
          );
          break;
        case "rollback":
          events.push({ type: "rollback", atMs: e.atMs, data: { stage: e.stage, code: e.code } });
          await restoreAfterQuickMove(tx, id, facts.vmId); // on the source
          break;
        case "done": {
          done = true;
          const s = e.summary;
          if (s.outcome === "succeeded") {
            const entry = texts.completed(facts, s.downtimeMs);
            events.push(logEvent(e.atMs, facts.sourceHostId, facts.sourceHostName, entry));
            events.push(doneEvent(e.atMs, "succeeded", s, null));
            Object.assign(row, { status: "succeeded", percent: 100 });
          } else {
            const code = s.failure?.code ?? "failed";
            const entry = s.outcome === "cancelled" ? texts.cancelled(facts) : texts.failed(facts, code);
            events.push(logEvent(e.atMs, facts.sourceHostId, facts.sourceHostName, entry));
            events.push(doneEvent(e.atMs, s.outcome, s, { code, message: entry.message }));
            Object.assign(row, { status: s.outcome, failureCode: code, failureMessage: entry.message });
          }
          Object.assign(row, { stage: "done", summary: JSON.stringify(s), finishedAt: now });
          break;
        }
      }
    }
    return { published: await appendEvents(tx, id, events, now, row), done };
  }

  private async switchOver(tx: Tx, facts: MoveFacts): Promise<void> {
    if (facts.kind !== "storage") {
      await tx.vm.update({ where: { id: facts.vmId }, data: { hostId: facts.destinationHostId } });
      await restoreAfterQuickMove(tx, facts.id, facts.vmId); // on the destination
    }
    if ((facts.kind !== "storage" && facts.kind !== "shared-nothing") || !facts.storagePath) return;
    const folder = facts.storagePath.replace(/\\+$/, "");
    const [disks, destination] = await Promise.all([
      tx.vmDisk.findMany({ where: { vmId: facts.vmId }, select: { id: true, path: true, location: true } }),
      tx.host.findUniqueOrThrow({ where: { id: facts.destinationHostId }, select: { clusterId: true } }),
    ]);
    const volumes = destination.clusterId
      ? await tx.clusterSharedVolume.findMany({
          where: { clusterId: destination.clusterId },
          select: { id: true, path: true },
        })
      : [];
    // A folder under a CSV mount point puts the disks on that CSV; anything else is local.
    const csv = volumes.find((v) => {
      const mount = v.path.toLowerCase();
      const target = folder.toLowerCase();
      return target === mount || target.startsWith(`${mount}\\`);
    });
    const taken = new Set<string>();
    for (const disk of disks) {
      // Shared-nothing leaves disks on an SMB share where they are (the engine copies none of them).
      if (facts.kind === "shared-nothing" && disk.location === "SMB") continue;
      const file = disk.path.split("\\").pop() || `disk-${disk.id}.vhdx`;
      let name = file;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = file.replace(/(\.[^.]*)?$/, `-${n}$1`);
      taken.add(name.toLowerCase());
      await tx.vmDisk.update({
        where: { id: disk.id },
        data: { path: `${folder}\\${name}`, location: csv ? "CSV" : "Local", csvId: csv?.id ?? null },
      });
    }
  }

  /** Starts the queued moves that now fit, first come first served. */
  async pump(): Promise<void> {
    const started = await writeTransaction(async (tx) => {
      const [running, queued, limits] = await Promise.all([
        tx.migration.findMany({ where: { status: "running" }, select: slotSelect }),
        tx.migration.findMany({ where: { status: "queued" }, select: slotSelect, orderBy: { id: "asc" } }),
        limitContext(tx),
      ]);
      const ids = pickStartable(queued.map(asSlot), running.map(asSlot), limits);
      const out: { id: number; input: MigrationInput | null; speed: number; published: Published[] }[] = [];
      for (const id of ids) {
        const row = await tx.migration.findUniqueOrThrow({
          where: { id },
          select: {
            input: true,
            speed: true,
            vmId: true,
            kind: true,
            destinationHostId: true,
            startedFrom: true,
            signedInHostId: true,
            storagePath: true,
            switchMap: true,
          },
        });
        const facts = await moveFacts(tx, id);
        const now = this.now();
        // The estate may have changed while the move waited (a node paused, a switch removed).
        const blocked = await this.recheck(tx, id, row);
        if (blocked) {
          const entry = texts.blocked(facts, blocked);
          out.push({
            id,
            input: null,
            speed: row.speed,
            published: await appendEvents(
              tx,
              id,
              [
                logEvent(0, facts.sourceHostId, facts.sourceHostName, entry),
                doneEvent(0, "failed", null, { code: "preflight", message: entry.message }),
              ],
              now,
              {
                status: "failed",
                stage: "done",
                finishedAt: now,
                failureCode: "preflight",
                failureMessage: entry.message,
              },
            ),
          });
          continue;
        }
        const published = await appendEvents(
          tx,
          id,
          [
            statusEvent("running", texts.runningMessage(facts)),
            logEvent(0, facts.sourceHostId, facts.sourceHostName, texts.initiated(facts)),
          ],
          now,
          { status: "running", startedAt: now },
        );
        out.push({ id, input: JSON.parse(row.input) as MigrationInput, speed: row.speed, published });
      }
      return out;
    });
    for (const s of started) this.publish(s.published);
    // Not awaited: pump() also runs inside a runner step, and the start queues behind that step.
    for (const s of started) {
      if (s.input) void this.runner.start(s.id, s.input, s.speed).catch(() => undefined);
    }
    // A move that failed its re-check freed its place in the queue.
    if (started.some((s) => s.input === null)) await this.pump();
  }

  /** Preflight again for a queued move about to start; the first error, or null. */
  private async recheck(
    tx: Tx,
    id: number,
    row: {
      vmId: number;
      kind: string;
      destinationHostId: number;
      startedFrom: string;
      signedInHostId: number | null;
      storagePath: string | null;
      switchMap: string;
    },
  ): Promise<Incompatibility | null> {
    const plan = await planMigration(
      tx,
      {
        vmId: row.vmId,
        kind: row.kind as MigrationKind,
        destinationHostId: row.destinationHostId,
        startedFrom: row.startedFrom as StartMigrationInput["startedFrom"],
        ...(row.signedInHostId !== null ? { signedInHostId: row.signedInHostId } : {}),
        ...(row.storagePath !== null ? { storagePath: row.storagePath } : {}),
        switchMap: JSON.parse(row.switchMap) as Record<string, string>,
      },
      { ignoreMigrationId: id },
    );
    return plan.report.incompatibilities.find((i) => i.level === "error") ?? null;
  }

  /**
   * After a restart nothing is running in this process: a move that had switched over is
   * completed, one that had not is failed and rolled back (the VM never left the source).
   */
  async recover(): Promise<number> {
    const stranded = await db.migration.findMany({
      where: { status: "running" },
      select: { id: true, switchedOver: true },
      orderBy: { id: "asc" },
    });
    for (const m of stranded) await this.resolveStranded(m.id, m.switchedOver, "restart");
    await this.pump();
    return stranded.length;
  }

  /** Ends a move no runner is driving: completed if it had switched over, else rolled back. */
  private async resolveStranded(id: number, switchedOver: boolean, why: "restart" | "cancel"): Promise<void> {
    const restart = why === "restart";
    const published = await writeTransaction(async (tx) => {
      const current = await tx.migration.findUnique({ where: { id }, select: { status: true } });
      if (current?.status !== "running") return [];
      const facts = await moveFacts(tx, id);
      const now = this.now();
      if (switchedOver) {
        const entry = texts.resolvedAfterRestart(facts, true);
        return appendEvents(
          tx,
          id,
          [
            logEvent(0, facts.sourceHostId, facts.sourceHostName, entry),
            doneEvent(0, "succeeded", null, null),
          ],
          now,
          { status: "succeeded", stage: "done", percent: 100, finishedAt: now },
        );
      }
      const entry = restart ? texts.resolvedAfterRestart(facts, false) : texts.cancelled(facts);
      const code = restart ? "service-restarted" : "cancelled";
      await restoreAfterQuickMove(tx, id, facts.vmId);
      return appendEvents(
        tx,
        id,
        [
          { type: "rollback", atMs: 0, data: { stage: "setup", code } },
          logEvent(0, facts.sourceHostId, facts.sourceHostName, entry),
          doneEvent(0, restart ? "failed" : "cancelled", null, { code, message: entry.message }),
        ],
        now,
        {
          status: restart ? "failed" : "cancelled",
          stage: "done",
          finishedAt: now,
          failureCode: code,
          failureMessage: entry.message,
        },
      );
    });
    this.publish(published);
  }
}

/** Saves a running or paused VM for a quick migration, noting the state to restore. */
async function saveForQuickMove(tx: Tx, migrationId: number, vmId: number): Promise<void> {
  const vm = await tx.vm.findUniqueOrThrow({ where: { id: vmId }, select: { state: true } });
  if (vm.state === "Saved") return;
  await tx.vm.update({ where: { id: vmId }, data: { state: "Saved" } });
  await tx.migration.update({ where: { id: migrationId }, data: { savedFromState: vm.state } });
}

/** Puts a VM a quick migration saved back in the state it had (wherever it now runs). */
async function restoreAfterQuickMove(tx: Tx, migrationId: number, vmId: number): Promise<void> {
  const m = await tx.migration.findUniqueOrThrow({
    where: { id: migrationId },
    select: { savedFromState: true },
  });
  if (m.savedFromState === null) return;
  await tx.vm.update({ where: { id: vmId }, data: { state: m.savedFromState } });
  await tx.migration.update({ where: { id: migrationId }, data: { savedFromState: null } });
}

function statusEvent(status: "running", message: string): NewEvent {
  return { type: "status", atMs: 0, data: { status, message } };
}

function stageEvent(
  atMs: number,
  stage: keyof typeof MIGRATION_STATE,
  phase: "started" | "completed",
): NewEvent {
  return { type: "stage", atMs, data: { stage, phase, migrationState: MIGRATION_STATE[stage] } };
}

function doneEvent(
  atMs: number,
  status: StreamPayloads["done"]["status"],
  summary: StreamPayloads["done"]["summary"],
  failure: StreamPayloads["done"]["failure"],
): NewEvent {
  return { type: "done", atMs, data: { status, summary, failure } };
}

function limitFromHosts(limits: LimitContext, move: SlotMove): number {
  return limits.hosts.get(move.sourceHostId)?.maxLiveMigrations ?? 2;
}
