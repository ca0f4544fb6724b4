import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, type Tx, writeTransaction } from "@/lib/db";
import type { MigrationInput, Prediction } from "@/lib/engine/types";
import { ConflictError, MigrationBlockedError } from "@/lib/http/errors";
import { DEFAULT_MAX_LIVE_MIGRATIONS, DEFAULT_MAX_STORAGE_MIGRATIONS } from "@/lib/hyperv/vocabulary";
import { moveVmToHost, relocateVmDisks } from "@/lib/inventory/vm-placement";
import {
  ACTIVE_STATUSES,
  type Incompatibility,
  type MigrationDto,
  type MigrationFaultInput,
  type MigrationStatus,
  type StartMigrationInput,
} from "@/lib/schemas/migration";
import type { MigrationBus, Published } from "./bus";
import type { Clock } from "./clock";
import { settleDrainMove } from "./drain-store";
import {
  doneEvent,
  type InventoryEffect,
  logEvent,
  type MoveFacts,
  type NewEvent,
  statusEvent,
  storedStep,
} from "./engine-events";
import * as texts from "./log-texts";
import { type MigrationPlan, planMigration } from "./plan";
import { progressIntervalFor } from "./progress-interval";
import { asJson, readJson, rowWords } from "./row-data";
import { MigrationRunner, type RunnerEvent } from "./runner";
import { admit, type LimitContext, pickStartable, type SlotMove } from "./scheduler";
import { appendEvents, appendLightSteps, getMigrationDto, type LightStep } from "./store";

export interface ServiceOptions {
  clock: Clock;
  bus: MigrationBus;
  /**
   * Simulated time per unit of the clock's time for a move that does not ask for a speed:
   * LAB_SPEED, or 1 once a suite holds the lab clock (so its advances are simulated seconds).
   */
  defaultSpeed: number | (() => number);
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
  const facts = await moveFactsIfAny(tx, id);
  if (!facts) throw new Error(`migration ${id} has no row`);
  return facts;
}

/** A move's facts, or null when its row is gone (its VM deleted, the estate reset). */
async function moveFactsIfAny(tx: Tx, id: number): Promise<MoveFacts | null> {
  const m = await tx.migration.findUnique({ where: { id }, select: moveFactsSelect });
  if (!m) return null;
  return {
    id: m.id,
    vmId: m.vmId,
    vmName: m.vmName,
    kind: rowWords.kind(m.kind),
    sourceHostId: m.sourceHostId,
    sourceHostName: m.sourceHost.name,
    destinationHostId: m.destinationHostId,
    destinationHostName: m.destinationHost.name,
    storagePath: m.storagePath,
  };
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
          maxLiveMigrations: h.migrationSettings?.maxLiveMigrations ?? DEFAULT_MAX_LIVE_MIGRATIONS,
          maxStorageMigrations: h.migrationSettings?.maxStorageMigrations ?? DEFAULT_MAX_STORAGE_MIGRATIONS,
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
  kind: rowWords.kind(m.kind),
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
  private readonly defaultSpeed: () => number;
  /** The facts of the moves the runner is driving (moves are numbered afresh after a reset). */
  private readonly facts = new Map<number, MoveFacts>();

  constructor(options: ServiceOptions) {
    this.clock = options.clock;
    this.bus = options.bus;
    const speed = options.defaultSpeed;
    this.defaultSpeed = typeof speed === "number" ? () => speed : speed;
    this.runner = new MigrationRunner(options.clock, (events) => this.handle(events));
  }

  private now(): Date {
    return new Date(this.clock.now());
  }

  private publish(published: readonly Published[]): void {
    this.bus.publish(published);
  }

  /** Hands a committed move to the runner. A failed first step is logged; the runner retries it. */
  private run(id: number, input: MigrationInput, speed: number): Promise<void> {
    return this.runner
      .start(id, input, speed)
      .catch((error: unknown) => console.error(`migration ${id}: the runner's first step failed`, error));
  }

  /** POST /api/migrations: 202 { id, status }, or a 422 report, or 409 when the VM is moving. */
  async start(
    input: StartMigrationInput,
    idempotencyKey?: string,
    /** The gateway user starting it (null: the local administrator). */
    startedById: number | null = null,
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
      const { destinationHostId, engineInput, prediction } = plan;
      if (!plan.report.canMove || !engineInput || !prediction || destinationHostId === null) {
        const first = plan.report.incompatibilities.find((issue) => issue.level === "error");
        throw new MigrationBlockedError(first?.message ?? "No destination can take this virtual machine.", {
          report: plan.report,
        });
      }
      return this.create(
        tx,
        input,
        plan,
        { destinationHostId, engineInput, prediction, startedById },
        idempotencyKey,
      );
    });
    this.publish(result.published);
    if (result.run) await this.run(result.id, result.run.input, result.run.speed);
    return { id: result.id, status: result.status as MigrationDto["status"] };
  }

  /**
   * Admits a move already planned in the caller's transaction (a node drain admits all its roles
   * in one): it starts, queues or fails at the limit as a submitted move does. Nothing runs or is
   * published until launch() after the commit.
   */
  async admitPlanned(
    tx: Tx,
    input: StartMigrationInput,
    plan: MigrationPlan,
    startedById: number | null = null,
  ): Promise<Admitted> {
    const { destinationHostId, engineInput, prediction } = plan;
    if (!plan.report.canMove || !engineInput || !prediction || destinationHostId === null) {
      throw new Error(`migration of VM ${input.vmId} admitted without a plan that can move it`);
    }
    return this.create(
      tx,
      input,
      plan,
      { destinationHostId, engineInput, prediction, startedById },
      undefined,
    );
  }

  /** After the commit of admitPlanned(): publish what the moves stored and start those that run. */
  async launch(admitted: readonly Admitted[]): Promise<void> {
    for (const a of admitted) this.publish(a.published);
    for (const a of admitted) if (a.run) await this.run(a.id, a.run.input, a.run.speed);
  }

  private async create(
    tx: Tx,
    input: StartMigrationInput,
    plan: MigrationPlan,
    ready: {
      destinationHostId: number;
      engineInput: MigrationInput;
      prediction: Prediction;
      startedById: number | null;
    },
    idempotencyKey: string | undefined,
  ): Promise<Admitted> {
    const { destinationHostId, engineInput } = ready;
    const now = this.now();
    const speed = input.speed ?? this.defaultSpeed();
    const move: SlotMove = { id: 0, kind: plan.kind, sourceHostId: plan.sourceHostId, destinationHostId };
    const [running, queued, limits] = await Promise.all([
      tx.migration.findMany({ where: { status: "running" }, select: slotSelect }),
      tx.migration.findMany({ where: { status: "queued" }, select: slotSelect, orderBy: { id: "asc" } }),
      limitContext(tx),
    ]);
    const admission = admit(move, input.startedFrom, running.map(asSlot), queued.map(asSlot), limits);
    const { status } = admission;

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
        switchMap: asJson(input.switchMap ?? {}),
        status,
        speed,
        seed: input.seed ?? 0,
        idempotencyKey: idempotencyKey ?? null,
        startedById: ready.startedById,
        input: {},
        prediction: asJson(ready.prediction),
        createdAt: now,
        startedAt: status === "running" ? now : null,
      },
      select: { id: true },
    });
    // Without a seed the move's id is its seed: every move is still reproducible.
    const seed = input.seed ?? row.id;
    const runInput: MigrationInput = {
      ...engineInput,
      seed,
      noiseKey: "migration",
      progressIntervalMs: progressIntervalFor(ready.prediction.totalMs, speed),
    };
    await tx.migration.update({ where: { id: row.id }, data: { seed, input: asJson(runInput) } });
    const facts = await moveFacts(tx, row.id);

    let published: Published[];
    if (admission.status === "failed") {
      const entry = texts.limitReached(facts, admission.limit);
      published = await endMove(tx, facts, now, { status: "failed", code: "migration-limit", entry });
    } else if (admission.status === "queued") {
      const message = texts.queuedMessage(facts, admission.limit ?? undefined);
      published = await appendEvents(tx, row.id, [statusEvent("queued", message, admission.position)], now);
    } else {
      published = await appendEvents(tx, row.id, startEvents(facts), now);
    }
    return {
      id: row.id,
      status,
      published,
      run: status === "running" ? { input: runInput, speed } : null,
    };
  }

  /**
   * Stops simulating every move at once (a lab reset is about to replace them): the runner's
   * queued steps finish, then its lanes and timers are dropped; nothing more reaches the store.
   */
  async halt(): Promise<void> {
    await this.runner.settled();
    this.runner.stop();
    this.facts.clear();
  }

  /** POST /api/migrations/:id/cancel. */
  async cancel(id: number): Promise<MigrationDto> {
    const before = await getMigrationDto(id);
    if (before.status === "queued") {
      const published = await writeTransaction(async (tx) => {
        const current = await tx.migration.findUniqueOrThrow({ where: { id }, select: { status: true } });
        if (current.status !== "queued") return null;
        const facts = await moveFacts(tx, id);
        return endMove(tx, facts, this.now(), {
          status: "cancelled",
          code: "cancelled",
          entry: texts.cancelled(facts),
        });
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

  /**
   * POST /api/migrations/:id/faults, now: pull the cable, throttle the link, or run the destination
   * out of memory (setup then fails when it reserves the VM's memory; after setup it has no effect).
   */
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
      input.kind === "slow-link"
        ? { kind: "slow-link", migrationId, bytesPerSecond: (input.mbps * 1_000_000) / 8 }
        : { kind: input.kind, migrationId },
    );
    return getMigrationDto(id);
  }

  /** The runner's events: stored (with the row and inventory changes they imply), then published. */
  private async handle(events: RunnerEvent[]): Promise<void> {
    const byMigration = new Map<number, RunnerEvent[]>();
    for (const e of events) {
      const id = Number(e.migrationId);
      const list = byMigration.get(id) ?? [];
      list.push(e);
      byMigration.set(id, list);
    }
    if (await this.handleLight(byMigration)) return;
    let finished = false;
    const vanished: number[] = [];
    const published = await writeTransaction(async (tx) => {
      const out: Published[] = [];
      for (const [id, list] of byMigration) {
        // A move's facts do not change while it runs: read once, then from memory (the check that
        // its row is still there is a lighter query). A move whose row is gone (its VM deleted, the
        // estate reseeded) has nothing to store, and nothing of it may touch the inventory.
        const known = this.facts.get(id);
        const facts =
          known && (await tx.migration.findUnique({ where: { id }, select: { id: true } }))
            ? known
            : await moveFactsIfAny(tx, id);
        if (!facts) {
          vanished.push(id);
          continue;
        }
        this.facts.set(id, facts);
        const now = this.now();
        const step = storedStep(facts, list, now);
        for (const effect of step.effects) await applyEffect(tx, facts, effect);
        out.push(...(await appendEvents(tx, id, step.events, now, step.patch)));
        if (step.done) {
          this.facts.delete(id);
          const { status, failureMessage } = step.patch as {
            status?: MigrationStatus;
            failureMessage?: string;
          };
          await settleDrainMove(tx, id, status ?? "failed", failureMessage ?? null, now);
        }
        finished ||= step.done;
      }
      return out;
    });
    this.publish(published);
    // Stop simulating them; their rollback events will find no row either and be dropped.
    for (const id of vanished) {
      void this.runner
        .cancel(id)
        .catch((error: unknown) =>
          console.error(`migration ${id}: could not stop a move whose row is gone`, error),
        );
    }
    if (finished) await this.pump();
  }

  /**
   * Most steps (progress, passes, stages, shares) change nothing but the moves' own rows: they go
   * through the store's synchronous path, one transaction, published as soon as it commits.
   * False, having stored nothing, when a step needs the full path: a move this process has not
   * read yet, a switchover or rollback (inventory), an end, or a line for the Windows event log.
   */
  private async handleLight(byMigration: ReadonlyMap<number, RunnerEvent[]>): Promise<boolean> {
    const now = this.now();
    const steps: LightStep[] = [];
    for (const [id, list] of byMigration) {
      const facts = this.facts.get(id);
      if (!facts) return false;
      const step = storedStep(facts, list, now);
      const patch = step.patch as { stage?: string; percent?: number };
      const light =
        step.effects.length === 0 &&
        !step.done &&
        Object.keys(patch).every((k) => k === "stage" || k === "percent") &&
        step.events.every((e) => e.type !== "log" || e.hostId === undefined);
      if (!light) return false;
      steps.push({ migrationId: id, events: step.events, patch });
    }
    const { vanished } = await appendLightSteps(steps, now, (published) => this.publish(published));
    for (const id of vanished) {
      this.facts.delete(id);
      // Stop simulating it; its rollback events will find no row either and be dropped.
      void this.runner
        .cancel(id)
        .catch((error: unknown) =>
          console.error(`migration ${id}: could not stop a move whose row is gone`, error),
        );
    }
    return true;
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
        const row = await tx.migration.findUniqueOrThrow({ where: { id }, select: queuedRowSelect });
        const facts = await moveFacts(tx, id);
        const now = this.now();
        // The estate may have changed while the move waited (a node paused, a switch removed).
        const checked = await this.recheck(tx, id, row);
        if ("blocked" in checked) {
          const entry = texts.blocked(facts, checked.blocked);
          const published = await endMove(tx, facts, now, { status: "failed", code: "preflight", entry });
          out.push({ id, input: null, speed: row.speed, published });
          continue;
        }
        // It starts now, so it takes the hosts' settings as they are now (the transport, the pass cap).
        const queuedInput = readJson("input", row.input);
        const input: MigrationInput = {
          ...checked.engineInput,
          seed: queuedInput.seed,
          noiseKey: queuedInput.noiseKey ?? "migration",
          progressIntervalMs: progressIntervalFor(checked.prediction.totalMs, row.speed),
        };
        await tx.migration.update({
          where: { id },
          data: { input: asJson(input), prediction: asJson(checked.prediction) },
        });
        const published = await appendEvents(tx, id, startEvents(facts), now, {
          status: "running",
          startedAt: now,
        });
        out.push({ id, input, speed: row.speed, published });
      }
      return out;
    });
    for (const s of started) this.publish(s.published);
    // Not awaited: pump() also runs inside a runner step, and the start queues behind that step.
    for (const s of started) if (s.input) void this.run(s.id, s.input, s.speed);
    // A move that failed its re-check freed its place in the queue.
    if (started.some((s) => s.input === null)) await this.pump();
  }

  /** Preflight again for a queued move about to start: its first error, or its engine input now. */
  private async recheck(
    tx: Tx,
    id: number,
    row: QueuedRow,
  ): Promise<{ blocked: Incompatibility } | { engineInput: MigrationInput; prediction: Prediction }> {
    const plan = await planMigration(
      tx,
      {
        vmId: row.vmId,
        kind: rowWords.kind(row.kind),
        destinationHostId: row.destinationHostId,
        startedFrom: rowWords.startedFrom(row.startedFrom),
        ...(row.signedInHostId !== null ? { signedInHostId: row.signedInHostId } : {}),
        ...(row.storagePath !== null ? { storagePath: row.storagePath } : {}),
        switchMap: readJson("switchMap", row.switchMap),
      },
      { ignoreMigrationId: id },
    );
    const blocked = plan.report.incompatibilities.find((i) => i.level === "error");
    if (blocked) return { blocked };
    if (!plan.engineInput || !plan.prediction) {
      // planMigration gives both whenever it finds no error; say so rather than start blind.
      throw new Error(`migration ${id}: a move that passes its checks has no engine input`);
    }
    return { engineInput: plan.engineInput, prediction: plan.prediction };
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
    const published = await writeTransaction(async (tx) => {
      const current = await tx.migration.findUnique({ where: { id }, select: { status: true } });
      if (current?.status !== "running") return [];
      const facts = await moveFacts(tx, id);
      const now = this.now();
      if (switchedOver) {
        const entry = texts.resolvedAfterRestart(facts, true);
        return endMove(tx, facts, now, { status: "succeeded", entry });
      }
      await applyEffect(tx, facts, "restore-after-quick-move");
      return why === "restart"
        ? endMove(tx, facts, now, {
            status: "failed",
            code: "service-restarted",
            entry: texts.resolvedAfterRestart(facts, false),
            rollback: true,
          })
        : endMove(tx, facts, now, {
            status: "cancelled",
            code: "cancelled",
            entry: texts.cancelled(facts),
            rollback: true,
          });
    });
    this.publish(published);
  }
}

/** A move admitted in a transaction: what to publish and run once it commits. */
export interface Admitted {
  id: number;
  status: MigrationStatus;
  published: Published[];
  run: { input: MigrationInput; speed: number } | null;
}

const queuedRowSelect = {
  input: true,
  speed: true,
  vmId: true,
  kind: true,
  destinationHostId: true,
  startedFrom: true,
  signedInHostId: true,
  storagePath: true,
  switchMap: true,
} satisfies Prisma.MigrationSelect;
type QueuedRow = Prisma.MigrationGetPayload<{ select: typeof queuedRowSelect }>;

/** A move starts: its status line and Hyper-V's 20413. */
function startEvents(facts: MoveFacts): NewEvent[] {
  return [statusEvent("running", texts.runningMessage(facts)), logEvent(0, facts, texts.initiated(facts))];
}

/** How a move ends outside the engine: refused at the limit, cancelled in the queue, resolved. */
type MoveEnd =
  | { status: "succeeded"; entry: texts.LogEntry }
  | {
      status: "failed" | "cancelled";
      code: string;
      entry: texts.LogEntry;
      /** Say that it rolled back (it had started). */
      rollback?: boolean;
    };

/**
 * Ends a move: its log entry, the done event and the row, in the caller's transaction (and, for a
 * drained role, the role's outcome and perhaps the drain's end).
 */
async function endMove(tx: Tx, facts: MoveFacts, now: Date, end: MoveEnd): Promise<Published[]> {
  const events: NewEvent[] = [];
  if (end.status === "succeeded") {
    events.push(logEvent(0, facts, end.entry), doneEvent(0, "succeeded", null, null));
    const published = await appendEvents(tx, facts.id, events, now, {
      status: "succeeded",
      stage: "done",
      percent: 100,
      finishedAt: now,
    });
    await settleDrainMove(tx, facts.id, "succeeded", null, now);
    return published;
  }
  const failure = { code: end.code, message: end.entry.message };
  if (end.rollback) events.push({ type: "rollback", atMs: 0, data: { stage: "setup", code: end.code } });
  events.push(logEvent(0, facts, end.entry), doneEvent(0, end.status, null, failure));
  const published = await appendEvents(tx, facts.id, events, now, {
    status: end.status,
    stage: "done",
    finishedAt: now,
    failureCode: failure.code,
    failureMessage: failure.message,
  });
  await settleDrainMove(tx, facts.id, end.status, failure.message, now);
  return published;
}

/** The inventory side of an engine event, in the step's transaction. */
async function applyEffect(tx: Tx, facts: MoveFacts, effect: InventoryEffect): Promise<void> {
  switch (effect) {
    case "switch-over":
      if (facts.kind !== "storage") {
        await moveVmToHost(tx, facts.vmId, facts.destinationHostId);
        await restoreAfterQuickMove(tx, facts); // on the destination
      }
      if ((facts.kind === "storage" || facts.kind === "shared-nothing") && facts.storagePath) {
        await relocateVmDisks(tx, facts.vmId, facts.destinationHostId, facts.storagePath, facts.kind);
      }
      return;
    case "save-for-quick-move":
      return saveForQuickMove(tx, facts);
    case "restore-after-quick-move":
      return restoreAfterQuickMove(tx, facts); // on the source
  }
}

/** Saves a running or paused VM for a quick migration, noting the state to restore. */
async function saveForQuickMove(tx: Tx, facts: MoveFacts): Promise<void> {
  const vm = await tx.vm.findUniqueOrThrow({ where: { id: facts.vmId }, select: { state: true } });
  if (vm.state === "Saved") return;
  await tx.vm.update({ where: { id: facts.vmId }, data: { state: "Saved" } });
  await tx.migration.update({ where: { id: facts.id }, data: { savedFromState: vm.state } });
}

/** Puts a VM a quick migration saved back in the state it had (wherever it now runs). */
async function restoreAfterQuickMove(tx: Tx, facts: MoveFacts): Promise<void> {
  const m = await tx.migration.findUniqueOrThrow({
    where: { id: facts.id },
    select: { savedFromState: true },
  });
  if (m.savedFromState === null) return;
  await tx.vm.update({ where: { id: facts.vmId }, data: { state: m.savedFromState } });
  await tx.migration.update({ where: { id: facts.id }, data: { savedFromState: null } });
}
