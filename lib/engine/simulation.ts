import { dirtiedBytes } from "./dirty";
import { hashSeed, mulberry32 } from "./prng";
import { failureReason, successReason } from "./reason";
import { type FlowDemand, maxMinAllocate } from "./share";
import { copyModel, TCP_TIMEOUT_MS, type TransportModel, transportModel } from "./transport";
import type {
  FailureCode,
  Fault,
  MigrationInput,
  MigrationPolicy,
  MigrationSnapshot,
  MigrationSummary,
  Outcome,
  PassRecord,
  Prediction,
  ShareEvent,
  SimEvent,
  SimulationOptions,
  StageName,
  StorageProgress,
  StorageSummary,
} from "./types";
import { checkInput, EngineInputError } from "./validate";

type Phase = "pending" | "setup" | "storage" | "memory" | "state-send" | "state-switch" | "cleanup" | "done";

/** Setup reserves the destination's memory halfway through, so that failure lands under 10 %. */
const RESERVE_AT_FRACTION = 0.5;
/**
 * Percent bands: setup 0-5, bytes (disk copy, pre-copy and blackout transfer) 5-95, switchover
 * 95-97, cleanup 97-99.
 */
const P_SETUP = 5;
const P_BYTES = 95;
const P_SWITCH = 97;
const P_MAX_BEFORE_END = 99;

/** A link, or any other resource flows share max-min (a host's incoming NICs, its disks). */
interface Link {
  id: string;
  /** What it carries now, bytes per second (wire bytes on a network link). */
  capacity: number;
  up: boolean;
  /** Migrations transferring through it now. */
  flows: Migration[];
}

interface Migration {
  id: string;
  order: number;
  input: MigrationInput;
  policy: MigrationPolicy;
  link: Link;
  /** Further resources its network traffic crosses (the destination's incoming NICs). */
  via: Link[];
  /** Disks its disk copy reads and writes. */
  disks: Link[];
  /** Resources of the transfer under way, and the units of each per wire byte. */
  route: Link[];
  weights: number[];
  model: TransportModel;
  /** How its disk copy travels. */
  copy: TransportModel;
  /** The model of the transfer under way (copy or memory). */
  flowModel: TransportModel;
  /** Wire bytes per second allotted to the transfer under way. */
  share: number;
  /** The transfer under way started or changed: its rate must be set at the next rebalance. */
  reroute: boolean;
  /** What its last share event said (undefined: none since it started transferring). */
  shareSeen?: { share: number; capacities: string; others: Set<string> };
  rng: () => number;
  noise: number;
  phase: Phase;
  startMs: number;
  stageStartMs: number;
  nextAt: number;
  nextProgressAt: number;
  progressTick: number;
  progressIntervalMs: number;
  transferring: boolean;
  wirePerByte: number;
  /** Memory bytes per millisecond right now. */
  rate: number;
  xferBytes: number;
  /** Bytes of the current transfer sent by `anchorMs`; the rate is constant since then. */
  anchorSent: number;
  anchorMs: number;
  pass: number;
  passStartMs: number;
  passList: PassRecord[];
  bytesSent: number;
  wireBytes: number;
  blackoutStartMs: number;
  downtimeMs: number;
  reserveAt: number;
  outOfMemory: boolean;
  /** Bytes of disk to copy (0: none). */
  storageBytes: number;
  /** Guest disk writes during the copy, bytes per ms. */
  writeRate: number;
  /** Mirrored write bytes per ms now, and those mirrored by `anchorMs`. */
  mirrorRate: number;
  mirrorAnchor: number;
  copyStartMs: number;
  /** The finished (or interrupted) copy. */
  storage?: StorageSummary;
  /** A resource it crosses is down: nothing moves, and TCP gives up (link-down) at this instant. */
  linkDeadline: number;
  converged: boolean;
  stoppedAtCap: boolean;
  percent: number;
  summary?: MigrationSummary;
}

type Command =
  | { at: number; seq: number; kind: "start"; migration: Migration }
  | { at: number; seq: number; kind: "cancel"; id: string }
  | { at: number; seq: number; kind: "fault"; fault: Fault };

const PHASE_STAGE: Record<Exclude<Phase, "pending" | "done">, StageName> = {
  setup: "setup",
  storage: "storage-copy",
  memory: "memory-transfer",
  "state-send": "state-transfer",
  "state-switch": "state-transfer",
  cleanup: "cleanup",
};

/** Share of `total` that is `done`; an empty total counts as done. Hot path: no closures. */
function frac(done: number, total: number): number {
  return total > 0 ? done / total : 1;
}

function isRunning(m: Migration): boolean {
  return m.phase !== "done";
}

/** A storage-only move: the VM's memory stays where it is. */
function movesMemory(m: Migration): boolean {
  return m.policy.memory !== false;
}

/** What a resource carries now: nothing while its cable is pulled. */
function capacityOf(r: Link): number {
  return r.up ? r.capacity : 0;
}

function stageOf(m: Migration): StageName {
  return m.phase === "pending" || m.phase === "done" ? "setup" : PHASE_STAGE[m.phase];
}

/**
 * Discrete-event simulation of live migrations sharing links. Rates only change at events, so
 * between two events every transfer moves at a constant rate and is integrated exactly.
 * Drive it with advanceTo()/nextEventTime(); schedule starts, cancels and faults between steps.
 */
export class Simulation {
  private now = 0;
  private seq = 0;
  private readonly seed: number;
  private readonly progressIntervalMs: number;
  private readonly progress: boolean;
  private readonly migrations = new Map<string, Migration>();
  private readonly links = new Map<string, Link>();
  private active: Migration[] = [];
  /** Migrations transferring now, in the order they joined. */
  private flowing: Migration[] = [];
  /** Flows joined, left or changed, or a capacity changed: the rates must be recomputed. */
  private stale = false;
  private readonly commands: Command[] = [];
  private out: SimEvent[] = [];
  /** A migration ended since the last sweep of `active`. */
  private finished = false;

  constructor(options: SimulationOptions = {}) {
    this.seed = options.seed ?? 0;
    this.progressIntervalMs = options.progressIntervalMs ?? 1000;
    this.progress = options.progress ?? true;
    if (!(this.progressIntervalMs > 0)) throw new EngineInputError("progressIntervalMs", "must be positive");
  }

  /** Current simulated time. */
  get nowMs(): number {
    return this.now;
  }

  /** Registers a migration that starts at `atMs` (default: its startMs, else now). */
  addMigration(id: string, input: MigrationInput, atMs?: number): void {
    if (this.migrations.has(id)) throw new EngineInputError("id", `migration "${id}" already exists`);
    const policy = checkInput(input);
    if (input.progressIntervalMs !== undefined && !(input.progressIntervalMs > 0)) {
      throw new EngineInputError("progressIntervalMs", "must be positive");
    }
    const at = this.checkTime(atMs ?? input.startMs ?? this.now);
    const link = this.resource(input.link.id ?? `\u0000private:${id}`, input.link.bytesPerSecond);
    const via = (input.link.via ?? []).map((r) => this.resource(r.id, r.bytesPerSecond));
    const disks = (input.storage?.disks ?? []).map((r) => this.resource(r.id, r.bytesPerSecond));
    const model = transportModel(input.transport, input.link, input.compression);
    const m: Migration = {
      id,
      order: this.migrations.size,
      input,
      policy,
      link,
      via,
      disks,
      route: [],
      weights: [],
      model,
      copy: copyModel(input.transport, input.link),
      flowModel: model,
      share: 0,
      reroute: false,
      rng: mulberry32(hashSeed(this.seed, input.seed ?? 0, input.noiseKey ?? id)),
      noise: input.noise ?? 0,
      phase: "pending",
      startMs: at,
      stageStartMs: at,
      nextAt: Number.POSITIVE_INFINITY,
      nextProgressAt: Number.POSITIVE_INFINITY,
      progressTick: 0,
      progressIntervalMs: input.progressIntervalMs ?? this.progressIntervalMs,
      transferring: false,
      wirePerByte: model.wirePerByte,
      rate: 0,
      xferBytes: 0,
      anchorSent: 0,
      anchorMs: at,
      pass: 0,
      passStartMs: at,
      passList: [],
      bytesSent: 0,
      wireBytes: 0,
      blackoutStartMs: Number.NaN,
      downtimeMs: 0,
      reserveAt: Number.POSITIVE_INFINITY,
      outOfMemory: false,
      storageBytes: input.storage?.bytes ?? 0,
      writeRate: (input.storage?.writeBytesPerSecond ?? 0) / 1000,
      mirrorRate: 0,
      mirrorAnchor: 0,
      copyStartMs: Number.NaN,
      linkDeadline: Number.POSITIVE_INFINITY,
      converged: false,
      stoppedAtCap: false,
      percent: 0,
    };
    this.migrations.set(id, m);
    this.schedule({ at, seq: 0, kind: "start", migration: m });
  }

  /** Cancels at `atMs`: a rollback before switchover; after switchover the move completes anyway. */
  cancel(id: string, atMs?: number): void {
    if (!this.migrations.has(id)) throw new EngineInputError("id", `no migration "${id}"`);
    this.schedule({ at: this.checkTime(atMs ?? this.now), seq: 0, kind: "cancel", id });
  }

  injectFault(fault: Fault, atMs?: number): void {
    if (fault.kind === "destination-out-of-memory" || fault.linkId === undefined) {
      const id = fault.migrationId;
      if (id === undefined || !this.migrations.has(id)) {
        throw new EngineInputError("fault.migrationId", `no migration "${id ?? ""}"`);
      }
    } else if (!this.links.has(fault.linkId)) {
      throw new EngineInputError("fault.linkId", `no link "${fault.linkId}"`);
    }
    if (fault.kind === "slow-link" && !(fault.bytesPerSecond > 0 && Number.isFinite(fault.bytesPerSecond))) {
      throw new EngineInputError("fault.bytesPerSecond", "must be a positive number");
    }
    this.schedule({ at: this.checkTime(atMs ?? this.now), seq: 0, kind: "fault", fault });
  }

  /**
   * Time of the next thing that will happen (a transition, a progress tick or a scheduled command).
   * With `progress: false`, progress ticks are passed over: a driver stepping far ahead gets their
   * events in one batch at its next step, the same events as when stepping to each.
   */
  nextEventTime(options: { progress?: boolean } = {}): number | undefined {
    const t = this.peek(options.progress !== false);
    return Number.isFinite(t) ? t : undefined;
  }

  /** True when nothing is running or scheduled. */
  get idle(): boolean {
    return !Number.isFinite(this.peek());
  }

  /**
   * Processes everything up to and including `ms` and returns the events, in order. With
   * `untilDone`, it stops after the first instant at which a migration ended (now stands there),
   * so a driver can change something (its pace) from that instant on.
   */
  advanceTo(ms: number, options: { untilDone?: boolean } = {}): SimEvent[] {
    this.checkTime(ms);
    this.out = [];
    for (let t = this.peek(); t <= ms; t = this.peek()) {
      this.moveTo(t);
      const before = this.out.length;
      this.processAt(t);
      if (options.untilDone && this.out.some((e, i) => i >= before && e.type === "done")) return this.out;
    }
    this.moveTo(ms);
    return this.out;
  }

  /** Runs until nothing is left to do and returns every event. */
  runToEnd(): SimEvent[] {
    this.out = [];
    for (let t = this.peek(); Number.isFinite(t); t = this.peek()) {
      this.moveTo(t);
      this.processAt(t);
    }
    return this.out;
  }

  snapshot(id: string): MigrationSnapshot | undefined {
    const m = this.migrations.get(id);
    if (!m) return undefined;
    const memorySent = m.phase === "storage" ? 0 : this.sent(m);
    return {
      migrationId: id,
      stage: m.phase === "pending" || m.phase === "done" ? m.phase : PHASE_STAGE[m.phase],
      percent: m.percent,
      pass: m.pass,
      bytesSent: m.bytesSent + memorySent,
      wireBytes: m.wireBytes + memorySent * m.wirePerByte,
      bytesPerSecond: m.phase === "storage" ? 0 : m.rate * 1000,
      startMs: m.startMs,
      summary: m.summary,
    };
  }

  summary(id: string): MigrationSummary | undefined {
    return this.migrations.get(id)?.summary;
  }

  /**
   * What the rest of a running move would do from now: the noiseless model (as predict()) continued
   * from the present state of the whole timeline. The move goes on from its stage, the pass it is in
   * (or the disk copy) and what it has sent, the passes already done; every other move that runs or
   * is scheduled goes on too, noiselessly, on the links as they are now (a throttled link at its new
   * rate, a pulled cable still down). So the move keeps sharing its links with them, and gets more as
   * they end. What it cannot know: moves started later (a queued move's turn, a new move) and faults
   * to come. Undefined once it ended or before it started.
   */
  forecast(id: string): Prediction | undefined {
    const m = this.migrations.get(id);
    if (!m || m.phase === "done" || m.phase === "pending") return undefined;
    return this.forecastOf([m], this.now).get(m);
  }

  /**
   * Current shares (bytes/s) of the migrations transferring through a link or other resource:
   * wire bytes on a network link, disk bytes on a disk. A pulled cable's capacity is 0.
   */
  linkShares(linkId: string): {
    capacity: number;
    shares: Array<{ migrationId: string; wireBytesPerSecond: number }>;
  } {
    const link = this.links.get(linkId);
    if (!link) return { capacity: 0, shares: [] };
    return {
      capacity: capacityOf(link),
      shares: link.flows.map((m) => ({
        migrationId: m.id,
        wireBytesPerSecond: m.share * (m.weights[m.route.indexOf(link)] ?? 1),
      })),
    };
  }

  /**
   * Every transfer under way: its wire rate, its transport's cap, and what it uses of each
   * resource it crosses (units per wire byte). For checking the sharing from outside.
   */
  flows(): Array<{
    migrationId: string;
    wireBytesPerSecond: number;
    capBytesPerSecond: number;
    route: Array<{ id: string; capacity: number; weight: number }>;
  }> {
    return this.flowing.map((f) => ({
      migrationId: f.id,
      wireBytesPerSecond: f.share,
      capBytesPerSecond: f.flowModel.wireCap(capacityOf(f.link)),
      route: f.route.map((r, i) => ({ id: r.id, capacity: capacityOf(r), weight: f.weights[i] ?? 1 })),
    }));
  }

  // --- scheduling -------------------------------------------------------------------------------

  private resource(id: string, bytesPerSecond: number): Link {
    let link = this.links.get(id);
    if (!link) {
      link = { id, capacity: bytesPerSecond, up: true, flows: [] };
      this.links.set(id, link);
    }
    return link;
  }

  private checkTime(ms: number): number {
    if (!Number.isFinite(ms) || ms < this.now) {
      throw new EngineInputError("atMs", `must be a finite time >= now (${this.now} ms)`);
    }
    return ms;
  }

  private schedule(command: Command): void {
    command.seq = this.seq++;
    const q = this.commands;
    let lo = 0;
    let hi = q.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = q[mid];
      if (c !== undefined && c.at <= command.at) lo = mid + 1;
      else hi = mid;
    }
    q.splice(lo, 0, command);
  }

  private peek(progress = true): number {
    let t = this.commands[0]?.at ?? Number.POSITIVE_INFINITY;
    for (const m of this.active) {
      if (m.nextAt < t) t = m.nextAt;
      if (progress && m.nextProgressAt < t) t = m.nextProgressAt;
    }
    return t;
  }

  /**
   * Time only moves `now`: bytes sent are derived from the last rate change, so the results do not
   * depend on how finely the runner steps.
   */
  private moveTo(t: number): void {
    this.now = t;
  }

  /** Bytes of the transfer under way sent by `t` (disk bytes copied, during the copy). */
  private sent(m: Migration, t = this.now): number {
    if (!m.transferring) return 0;
    return Math.min(m.xferBytes, m.anchorSent + m.rate * (t - m.anchorMs));
  }

  /** Guest writes mirrored during the copy by `t`. */
  private mirrored(m: Migration, t = this.now): number {
    if (m.phase !== "storage") return m.storage?.mirroredBytes ?? 0;
    return m.mirrorAnchor + m.mirrorRate * (t - m.anchorMs);
  }

  private processAt(t: number): void {
    while (this.commands.length > 0 && (this.commands[0]?.at ?? Number.POSITIVE_INFINITY) <= t) {
      const c = this.commands.shift();
      if (!c) break;
      if (c.kind === "start") this.start(c.migration, t);
      else if (c.kind === "cancel") this.applyCancel(c.id, t);
      else this.applyFault(c.fault, t);
    }
    for (const m of this.active) {
      if (m.nextAt === t) this.transition(m, t);
    }
    if (this.finished) {
      this.finished = false;
      this.active = this.active.filter(isRunning);
    }
    this.rebalance(t);
    for (const m of this.active) {
      if (m.nextProgressAt === t) {
        this.emitProgress(m, t, false);
        m.progressTick += 1;
        m.nextProgressAt = m.startMs + m.progressTick * m.progressIntervalMs;
      }
    }
  }

  /**
   * Recomputes the max-min fair rates of every transfer once flows joined, left or changed, or a
   * capacity changed. A transfer whose share stays the same keeps its anchor, so its bytes are
   * integrated from the same instant as before.
   */
  private rebalance(t: number): void {
    if (!this.stale) return;
    this.stale = false;
    const flows = this.flowing;
    if (flows.length === 0) return;
    const index = new Map<Link, number>();
    const capacities: number[] = [];
    const demands: FlowDemand[] = flows.map((f) => ({
      // A pulled cable carries nothing: every flow through it stalls until TCP gives up.
      cap: f.flowModel.wireCap(capacityOf(f.link)),
      uses: f.route.map((r, i) => {
        let k = index.get(r);
        if (k === undefined) {
          k = capacities.length;
          index.set(r, k);
          capacities.push(capacityOf(r));
        }
        return { resource: k, weight: f.weights[i] ?? 1 };
      }),
    }));
    const shares = maxMinAllocate(capacities, demands);
    flows.forEach((f, i) => {
      const share = shares[i] ?? 0;
      if (share === f.share && !f.reroute) return;
      f.anchorSent = this.sent(f, t);
      f.mirrorAnchor = this.mirrored(f, t);
      f.anchorMs = t;
      f.share = share;
      f.reroute = false;
      // Payload bytes per ms: a disk copy gives up to half of it to the mirrored writes.
      const total = share / f.wirePerByte / 1000;
      f.mirrorRate = f.phase === "storage" ? Math.min(f.writeRate, total / 2) : 0;
      f.rate = total - f.mirrorRate;
      f.nextAt = f.rate > 0 ? t + (f.xferBytes - f.anchorSent) / f.rate : f.linkDeadline;
    });
    for (const f of flows) this.reportShare(f, t);
  }

  /**
   * A share event for a move whose share changed or whose links gained or lost a move since its
   * last one: what each of its links carries now, and who uses how much.
   */
  private reportShare(m: Migration, t: number): void {
    const network = [m.link, ...m.via];
    const others = new Set<string>();
    for (const r of network) for (const f of r.flows) if (f !== m) others.add(f.id);
    const capacities = network.map(capacityOf).join(",");
    const seen = m.shareSeen;
    let cause: ShareEvent["cause"];
    let other: string | undefined;
    if (!seen) cause = "started";
    else {
      const joined = [...others].find((id) => !seen.others.has(id));
      const left = [...seen.others].find((id) => !others.has(id));
      if (joined !== undefined) [cause, other] = ["joined", joined];
      else if (left !== undefined) [cause, other] = ["left", left];
      else if (seen.capacities !== capacities) cause = "capacity";
      else if (seen.share !== m.share) cause = "transfer";
      else return;
    }
    m.shareSeen = { share: m.share, capacities, others };
    this.emit({
      type: "share",
      migrationId: m.id,
      atMs: t,
      wireBytesPerSecond: m.share,
      cause,
      ...(other !== undefined ? { otherMigrationId: other } : {}),
      links: network.map((r) => ({
        id: r.id,
        capacityBytesPerSecond: capacityOf(r),
        flows: r.flows.map((f) => ({
          migrationId: f.id,
          wireBytesPerSecond: f.share * (f.weights[f.route.indexOf(r)] ?? 1),
        })),
      })),
    });
  }

  private emit(event: SimEvent): void {
    this.out.push(event);
  }

  // --- stages -----------------------------------------------------------------------------------

  private start(m: Migration, t: number): void {
    if (m.phase !== "pending") return;
    this.active.push(m);
    m.phase = "setup";
    m.stageStartMs = t;
    m.startMs = t;
    // A storage move reserves no memory anywhere: the VM stays where it runs.
    if (movesMemory(m)) m.reserveAt = t + m.policy.setupMs * RESERVE_AT_FRACTION;
    m.nextAt = m.outOfMemory ? m.reserveAt : t + m.policy.setupMs;
    if (this.progress) {
      m.progressTick = 1;
      m.nextProgressAt = t + m.progressIntervalMs;
    }
    this.emit({ type: "stage-started", migrationId: m.id, atMs: t, stage: "setup" });
    // A move over a pulled cable cannot connect either: it fails when TCP gives up.
    if (!m.link.up || m.via.some((r) => !r.up) || m.disks.some((r) => !r.up)) this.loseConnection(m, t);
  }

  /**
   * A resource it crosses is gone: the move stands still (its transfer, if any, gets nothing at the
   * next rebalance; a stage that waits on time waits on) until TCP's retransmissions time out, then
   * fails and rolls back.
   */
  private loseConnection(m: Migration, t: number): void {
    m.linkDeadline = t + TCP_TIMEOUT_MS;
    m.nextAt = m.linkDeadline;
    this.stale = true;
  }

  private transition(m: Migration, t: number): void {
    if (t >= m.linkDeadline) {
      this.fail(m, t, "link-down");
      return;
    }
    switch (m.phase) {
      case "setup":
        if (m.outOfMemory) {
          this.fail(m, t, "destination-out-of-memory");
          return;
        }
        this.emit({ type: "stage-completed", migrationId: m.id, atMs: t, stage: "setup" });
        if (m.storageBytes > 0 || !movesMemory(m)) {
          this.startCopy(m, t);
          return;
        }
        this.startMemory(m, t);
        return;
      case "storage":
        this.endCopy(m, t);
        return;
      case "memory":
        this.endPass(m, t);
        return;
      case "state-send": {
        this.finishTransfer(m);
        m.phase = "state-switch";
        m.nextAt = t + m.policy.switchoverMs;
        return;
      }
      case "state-switch": {
        m.downtimeMs = t - m.blackoutStartMs;
        this.emit({ type: "blackout-ended", migrationId: m.id, atMs: t, downtimeMs: m.downtimeMs });
        this.emit({ type: "stage-completed", migrationId: m.id, atMs: t, stage: "state-transfer" });
        this.startCleanup(m, t);
        return;
      }
      case "cleanup":
        this.emit({ type: "stage-completed", migrationId: m.id, atMs: t, stage: "cleanup" });
        m.percent = 100;
        if (this.progress) this.emitProgress(m, t, true);
        this.finish(m, t, "succeeded");
        return;
      default:
        return;
    }
  }

  /** The memory moves: pre-copy passes, or straight to the blackout for a quick migration. */
  private startMemory(m: Migration, t: number): void {
    if (m.policy.precopy === false) {
      // Quick migration: the VM is paused (saved) at once and all of its memory goes in the blackout.
      this.startBlackout(m, t, m.input.memoryBytes);
      return;
    }
    this.emit({ type: "stage-started", migrationId: m.id, atMs: t, stage: "memory-transfer" });
    m.phase = "memory";
    m.stageStartMs = t;
    m.pass = 1;
    this.startTransfer(m, t, m.input.memoryBytes);
  }

  /** Cleanup: the destination runs the VM (or the VM runs from its new files); the source tidies up. */
  private startCleanup(m: Migration, t: number): void {
    this.emit({ type: "stage-started", migrationId: m.id, atMs: t, stage: "cleanup" });
    m.phase = "cleanup";
    m.stageStartMs = t;
    m.nextAt = t + m.policy.cleanupMs;
  }

  /** The disk copy: over the link, and through the disks at both ends, with writes mirrored. */
  private startCopy(m: Migration, t: number): void {
    this.emit({ type: "stage-started", migrationId: m.id, atMs: t, stage: "storage-copy" });
    m.phase = "storage";
    m.stageStartMs = t;
    m.copyStartMs = t;
    m.mirrorAnchor = 0;
    m.mirrorRate = 0;
    // Noise on the wire: retransmissions cost a few percent more wire per byte.
    const wirePerByte = m.copy.wirePerByte * (1 + m.noise * m.rng());
    // The disks carry the copied and mirrored bytes themselves, not the wire's framing.
    const route = [m.link, ...m.via, ...m.disks];
    const weights = route.map((r) => (m.disks.includes(r) ? 1 / wirePerByte : 1));
    this.beginTransfer(m, t, m.storageBytes, m.copy, wirePerByte, route, weights);
  }

  private endCopy(m: Migration, t: number): void {
    const mirroredBytes = this.mirrored(m, t);
    const copied = m.xferBytes;
    m.storage = {
      bytes: m.storageBytes,
      copiedBytes: copied,
      mirroredBytes,
      wireBytes: (copied + mirroredBytes) * m.wirePerByte,
      durationMs: t - m.copyStartMs,
      completed: true,
    };
    m.xferBytes = 0;
    m.anchorSent = 0;
    m.mirrorRate = 0;
    this.emit({ type: "stage-completed", migrationId: m.id, atMs: t, stage: "storage-copy" });
    if (movesMemory(m)) {
      this.startMemory(m, t);
      return;
    }
    // A storage move: the VM switches to the new files; nothing was paused.
    this.leaveLink(m);
    this.startCleanup(m, t);
  }

  private startTransfer(m: Migration, t: number, bytes: number): void {
    // Noise on the wire: retransmissions cost a few percent more wire per memory byte.
    const wirePerByte = m.model.wirePerByte * (1 + m.noise * m.rng());
    const route = [m.link, ...m.via];
    this.beginTransfer(
      m,
      t,
      bytes,
      m.model,
      wirePerByte,
      route,
      route.map(() => 1),
    );
  }

  /** A new transfer of `bytes` through `route`; its rate is set at the next rebalance. */
  private beginTransfer(
    m: Migration,
    t: number,
    bytes: number,
    model: TransportModel,
    wirePerByte: number,
    route: Link[],
    weights: number[],
  ): void {
    m.xferBytes = bytes;
    m.anchorSent = 0;
    m.anchorMs = t;
    m.rate = 0;
    m.passStartMs = t;
    m.wirePerByte = wirePerByte;
    m.flowModel = model;
    m.nextAt = Number.POSITIVE_INFINITY;
    m.reroute = true;
    if (!m.transferring) {
      m.transferring = true;
      this.flowing.push(m);
    }
    for (const r of m.route) if (!route.includes(r)) r.flows = r.flows.filter((f) => f !== m);
    for (const r of route) if (!r.flows.includes(m)) r.flows.push(m);
    m.route = route;
    m.weights = weights;
    this.stale = true;
  }

  /** Books the bytes of the finished transfer; the flow leaves the link. */
  private finishTransfer(m: Migration): void {
    m.bytesSent += m.xferBytes;
    m.wireBytes += m.xferBytes * m.wirePerByte;
    m.xferBytes = 0;
    this.leaveLink(m);
  }

  private leaveLink(m: Migration): void {
    if (!m.transferring) return;
    m.transferring = false;
    m.rate = 0;
    m.share = 0;
    m.mirrorRate = 0;
    for (const r of m.route) r.flows = r.flows.filter((f) => f !== m);
    m.route = [];
    m.weights = [];
    m.shareSeen = undefined;
    this.flowing = this.flowing.filter((f) => f !== m);
    this.stale = true;
  }

  private endPass(m: Migration, t: number): void {
    const bytes = m.xferBytes;
    const durationMs = t - m.passStartMs;
    const noiseFactor = m.noise > 0 ? 1 + m.noise * (2 * m.rng() - 1) : 1;
    const memory = m.input.memoryBytes;
    const dirtied = Math.min(
      memory,
      dirtiedBytes(m.input.dirty, memory, m.input.pageBytes, durationMs) * noiseFactor,
    );
    const seconds = durationMs / 1000;
    const record: PassRecord = {
      pass: m.pass,
      startMs: m.passStartMs,
      bytes,
      wireBytes: bytes * m.wirePerByte,
      durationMs,
      dirtiedBytes: dirtied,
      dirtyBytesPerSecond: seconds > 0 ? dirtied / seconds : 0,
      throughputBytesPerSecond: seconds > 0 ? bytes / seconds : 0,
    };
    m.passList.push(record);
    m.bytesSent += bytes;
    m.wireBytes += record.wireBytes;
    const page = m.input.pageBytes;
    this.emit({
      type: "pass",
      migrationId: m.id,
      atMs: t,
      pass: m.pass,
      bytes,
      pages: Math.round(bytes / page),
      wireBytes: record.wireBytes,
      durationMs,
      dirtiedBytes: dirtied,
      dirtiedPages: Math.round(dirtied / page),
      dirtyBytesPerSecond: record.dirtyBytesPerSecond,
      throughputBytesPerSecond: record.throughputBytesPerSecond,
      remainingDirtyBytes: dirtied,
    });
    if (dirtied <= m.policy.stopBelowBytes) m.converged = true;
    else if (m.pass >= m.policy.maxPasses) m.stoppedAtCap = true;
    if (!m.converged && !m.stoppedAtCap) {
      m.pass += 1;
      this.startTransfer(m, t, dirtied);
      return;
    }
    this.emit({ type: "stage-completed", migrationId: m.id, atMs: t, stage: "memory-transfer" });
    this.startBlackout(m, t, dirtied);
  }

  /** Blackout: the VM is paused, the memory still to send and the device state go across. */
  private startBlackout(m: Migration, t: number, memoryBytes: number): void {
    this.emit({ type: "stage-started", migrationId: m.id, atMs: t, stage: "state-transfer" });
    const blackoutBytes = memoryBytes + m.policy.deviceStateBytes;
    this.emit({ type: "blackout-started", migrationId: m.id, atMs: t, bytesToSend: blackoutBytes });
    m.phase = "state-send";
    m.stageStartMs = t;
    m.blackoutStartMs = t;
    this.startTransfer(m, t, blackoutBytes);
  }

  private fail(m: Migration, t: number, code: FailureCode): void {
    const stage = stageOf(m);
    if (m.transferring) {
      const sent = this.sent(m, t);
      if (m.phase === "storage") {
        const mirroredBytes = this.mirrored(m, t);
        m.storage = {
          bytes: m.storageBytes,
          copiedBytes: sent,
          mirroredBytes,
          wireBytes: (sent + mirroredBytes) * m.wirePerByte,
          durationMs: t - m.copyStartMs,
          completed: false,
        };
      } else {
        m.bytesSent += sent;
        m.wireBytes += sent * m.wirePerByte;
      }
      this.leaveLink(m);
    }
    if (m.phase === "state-send" || m.phase === "state-switch") {
      // The VM was paused; it resumes on the source.
      m.downtimeMs = t - m.blackoutStartMs;
      this.emit({ type: "blackout-ended", migrationId: m.id, atMs: t, downtimeMs: m.downtimeMs });
    }
    this.emit({ type: "rollback", migrationId: m.id, atMs: t, stage, code });
    this.finish(m, t, code === "cancelled" ? "cancelled" : "failed", code, stage);
  }

  private finish(m: Migration, t: number, outcome: Outcome, code?: FailureCode, stage?: StageName): void {
    const wasPending = m.phase === "pending";
    m.phase = "done";
    this.finished = true;
    m.nextAt = Number.POSITIVE_INFINITY;
    m.nextProgressAt = Number.POSITIVE_INFINITY;
    if (wasPending) m.startMs = t;
    const storage = m.storage;
    const reason =
      code !== undefined
        ? failureReason(code, stage ?? "setup", t, m.pass, m.input.memoryBytes, movesMemory(m))
        : !movesMemory(m)
          ? {
              kind: "storage" as const,
              bytes: m.storageBytes,
              mirroredBytes: storage?.mirroredBytes ?? 0,
              durationMs: storage?.durationMs ?? 0,
            }
          : successReason({
              passList: m.passList,
              converged: m.converged,
              maxPasses: m.policy.maxPasses,
              stopBelowBytes: m.policy.stopBelowBytes,
              dirty: m.input.dirty,
              downtimeMs: m.downtimeMs,
              precopy: m.policy.precopy !== false,
              memoryBytes: m.input.memoryBytes,
            });
    const copiedCores = storage
      ? (storage.copiedBytes + storage.mirroredBytes) * m.copy.coresPerBytePerSecond
      : 0;
    const summary: MigrationSummary = {
      outcome,
      owner: outcome === "succeeded" ? "destination" : "source",
      startMs: m.startMs,
      endMs: t,
      totalMs: t - m.startMs,
      downtimeMs: m.downtimeMs,
      passes: m.passList.length,
      converged: m.converged,
      stoppedAtCap: m.stoppedAtCap,
      bytesSent: m.bytesSent,
      wireBytes: m.wireBytes,
      cpuCoreSeconds: m.bytesSent * m.model.coresPerBytePerSecond + copiedCores,
      passList: m.passList,
      ...(storage ? { storage } : {}),
      reason,
    };
    if (code !== undefined) {
      const hresult =
        code === "link-down" ? "0x8007274C" : code === "destination-out-of-memory" ? "0x8007000E" : undefined;
      summary.failure = { code, stage: stage ?? "setup", ...(hresult ? { hresult } : {}) };
    }
    m.summary = summary;
    this.emit({ type: "done", migrationId: m.id, atMs: t, summary });
  }

  // --- commands ---------------------------------------------------------------------------------

  private applyCancel(id: string, t: number): void {
    const m = this.migrations.get(id);
    if (!m || m.phase === "done" || m.phase === "cleanup") return;
    if (m.phase === "pending") {
      this.removeCommandsFor(m);
      this.finish(m, t, "cancelled", "cancelled", "setup");
      return;
    }
    this.fail(m, t, "cancelled");
  }

  private removeCommandsFor(m: Migration): void {
    const i = this.commands.findIndex((c) => c.kind === "start" && c.migration === m);
    if (i >= 0) this.commands.splice(i, 1);
  }

  private applyFault(fault: Fault, t: number): void {
    if (fault.kind === "destination-out-of-memory") {
      const m = this.migrations.get(fault.migrationId);
      if (!m || m.phase === "done") return;
      const effect = !movesMemory(m)
        ? ({ kind: "memory-not-moved" } as const)
        : m.phase === "pending" || m.phase === "setup"
          ? ({ kind: "setup-will-fail" } as const)
          : ({ kind: "memory-already-reserved" } as const);
      if (effect.kind === "setup-will-fail") {
        m.outOfMemory = true;
        if (m.phase === "setup") m.nextAt = Math.max(t, m.reserveAt);
      }
      this.emit({ type: "fault", migrationId: m.id, atMs: t, fault: fault.kind, effect });
      return;
    }
    const link =
      fault.linkId !== undefined
        ? this.links.get(fault.linkId)
        : this.migrations.get(fault.migrationId ?? "")?.link;
    if (!link) return;
    const onLink = this.active.filter(
      (m) => m.phase !== "done" && (m.link === link || m.via.includes(link) || m.disks.includes(link)),
    );
    if (fault.kind === "slow-link") {
      link.capacity = fault.bytesPerSecond;
      this.stale = true;
      // The old predictions no longer hold: the model again, from where the moves stand now.
      const forecasts = this.forecastOf(onLink, t);
      for (const m of onLink) {
        const prediction = forecasts.get(m);
        if (!prediction) continue;
        this.emit({
          type: "fault",
          migrationId: m.id,
          atMs: t,
          fault: fault.kind,
          effect: {
            kind: "link-slowed",
            bytesPerSecond: fault.bytesPerSecond,
            prediction,
          },
        });
      }
      return;
    }
    link.up = false;
    this.stale = true;
    for (const m of onLink) {
      const beforeSwitchover = m.phase !== "cleanup";
      const stalled = beforeSwitchover && Number.isFinite(m.linkDeadline);
      if (beforeSwitchover && !stalled) this.loseConnection(m, t);
      this.emit({
        type: "fault",
        migrationId: m.id,
        atMs: t,
        fault: fault.kind,
        effect: beforeSwitchover
          ? { kind: "rolls-back", afterMs: m.linkDeadline - t }
          : { kind: "already-switched-over" },
      });
    }
  }

  /**
   * The forecasts of `targets` at `t`: a noiseless fork of the whole timeline, run to its end. Every
   * move that runs or waits to start is copied with its transfer in flight (anchors, the share it
   * has, its disk copy and mirrored writes), every resource with its capacity and state now, so the
   * targets keep sharing their links as they do now and get more as the others end. Noise is off
   * for everyone: what is left is the model. Nothing of this simulation changes.
   */
  private forecastOf(targets: readonly Migration[], t: number): Map<Migration, Prediction> {
    const fork = new Simulation({ seed: this.seed, progress: false });
    fork.now = t;
    fork.seq = this.seq;
    const resources = new Map<Link, Link>();
    for (const [id, r] of this.links) {
      const copy: Link = { id: r.id, capacity: r.capacity, up: r.up, flows: [] };
      resources.set(r, copy);
      fork.links.set(id, copy);
    }
    const res = (r: Link): Link => resources.get(r) ?? r;
    const copies = new Map<Migration, Migration>();
    const copyOf = (m: Migration): Migration => {
      let copy = copies.get(m);
      if (!copy) {
        copy = {
          ...m,
          link: res(m.link),
          via: m.via.map(res),
          disks: m.disks.map(res),
          route: m.route.map(res),
          weights: [...m.weights],
          noise: 0,
          rng: mulberry32(0),
          passList: [...m.passList],
          nextProgressAt: Number.POSITIVE_INFINITY,
          summary: undefined,
        };
        copies.set(m, copy);
        fork.migrations.set(copy.id, copy);
      }
      return copy;
    };
    for (const m of this.active) if (m.phase !== "done") fork.active.push(copyOf(m));
    for (const c of this.commands) {
      if (c.kind === "start" && c.migration.phase === "pending") {
        fork.commands.push({ ...c, migration: copyOf(c.migration) });
      }
    }
    fork.flowing = this.flowing.filter((f) => f.phase !== "done").map(copyOf);
    for (const [r, copy] of resources) copy.flows = r.flows.filter((f) => f.phase !== "done").map(copyOf);
    // The transfers in flight, at their links' rates now (a throttle applied at `t` included).
    fork.stale = true;
    fork.rebalance(t);
    fork.runToEnd();
    const out = new Map<Migration, Prediction>();
    for (const m of targets) {
      const s = copies.get(m)?.summary;
      if (!s) continue;
      out.set(m, {
        totalMs: s.totalMs,
        downtimeMs: s.downtimeMs,
        passes: s.passes,
        converged: s.converged,
        stoppedAtCap: s.stoppedAtCap,
        bytesSent: s.bytesSent,
        wireBytes: s.wireBytes,
        reason: s.reason,
        passList: s.passList,
        ...(s.storage ? { storage: s.storage } : {}),
      });
    }
    return out;
  }

  // --- progress ---------------------------------------------------------------------------------

  private emitProgress(m: Migration, t: number, final: boolean): void {
    const { percent, etaMs } = final ? { percent: 100, etaMs: 0 } : this.estimate(m, t);
    if (!final) m.percent = Math.min(P_MAX_BEFORE_END, Math.max(m.percent, percent));
    const copying = m.phase === "storage";
    const memorySent = m.transferring && !copying ? this.sent(m, t) : 0;
    const rate = m.transferring && !copying ? m.rate * 1000 : 0;
    const copyRate = copying ? (m.rate + m.mirrorRate) * 1000 : 0;
    this.emit({
      type: "progress",
      migrationId: m.id,
      atMs: t,
      stage: stageOf(m),
      percent: m.percent,
      bytesSent: m.bytesSent + memorySent,
      wireBytes: m.wireBytes + memorySent * m.wirePerByte,
      bytesPerSecond: rate,
      etaMs,
      cpuCores: rate * m.model.coresPerBytePerSecond + copyRate * m.copy.coresPerBytePerSecond,
      ...(m.storageBytes > 0 ? { storage: this.storageProgress(m, t, copyRate) } : {}),
    });
  }

  private storageProgress(m: Migration, t: number, bytesPerSecond: number): StorageProgress {
    const copiedBytes = this.copied(m, t);
    return {
      bytes: m.storageBytes,
      copiedBytes,
      mirroredBytes: this.mirrored(m, t),
      bytesPerSecond,
      percent: 100 * frac(copiedBytes, m.storageBytes),
    };
  }

  /** Disk bytes copied by `t`. */
  private copied(m: Migration, t: number): number {
    if (m.phase === "storage") return this.sent(m, t);
    return m.storage?.copiedBytes ?? 0;
  }

  /** Payload bytes per ms a transfer of `model` would get alone on its route. */
  private nominalRate(m: Migration, model: TransportModel, disks: boolean): number {
    let wire = model.wireCap(m.link.capacity);
    for (const r of m.via) wire = Math.min(wire, r.capacity);
    if (disks) for (const r of m.disks) wire = Math.min(wire, r.capacity * model.wirePerByte);
    return wire / model.wirePerByte / 1000;
  }

  /** Percent and time left, from the current transfer and the noiseless model for what is to come. */
  private estimate(m: Migration, t: number): { percent: number; etaMs: number } {
    // The link is down: nothing advances, and the move ends (fails) when TCP gives up.
    if (Number.isFinite(m.linkDeadline))
      return { percent: m.percent, etaMs: Math.max(0, m.linkDeadline - t) };
    const p = m.policy;
    const elapsed = t - m.stageStartMs;
    const memory = movesMemory(m);
    const tail = memory ? p.switchoverMs + p.cleanupMs : p.cleanupMs;
    const memoryRate =
      m.rate > 0 && (m.phase === "memory" || m.phase === "state-send")
        ? m.rate
        : this.nominalRate(m, m.model, false);
    // The copy alone: what its share leaves after the mirrored writes.
    const copyTotal = this.nominalRate(m, m.copy, true);
    const copyRate =
      m.phase === "storage" && m.rate > 0 ? m.rate : copyTotal - Math.min(m.writeRate, copyTotal / 2);
    const copyLeft = m.storageBytes - this.copied(m, t);
    const copyMs = copyLeft > 0 && copyRate > 0 ? copyLeft / copyRate : 0;
    const memoryLeft = (passBytes: number, passSent: number, pass: number) =>
      memory ? this.bytesLeft(m, passBytes, passSent, pass, memoryRate) : 0;
    switch (m.phase) {
      case "setup": {
        const left = memoryLeft(m.input.memoryBytes, 0, 1);
        return {
          percent: P_SETUP * frac(elapsed, p.setupMs),
          etaMs: Math.max(0, p.setupMs - elapsed) + copyMs + (memoryRate > 0 ? left / memoryRate : 0) + tail,
        };
      }
      case "storage": {
        const left = memoryLeft(m.input.memoryBytes, 0, 1);
        const done = this.copied(m, t);
        return {
          percent: P_SETUP + (P_BYTES - P_SETUP) * frac(done, done + copyLeft + left),
          etaMs: copyMs + (memoryRate > 0 ? left / memoryRate : 0) + tail,
        };
      }
      case "memory":
      case "state-send": {
        const left =
          m.phase === "memory"
            ? this.bytesLeft(m, m.xferBytes, this.sent(m, t), m.pass, memoryRate)
            : m.xferBytes - this.sent(m, t);
        const sent = this.copied(m, t) + m.bytesSent + this.sent(m, t);
        return {
          percent: P_SETUP + (P_BYTES - P_SETUP) * frac(sent, sent + left),
          etaMs: (memoryRate > 0 ? left / memoryRate : 0) + tail,
        };
      }
      case "state-switch":
        return {
          percent: P_BYTES + (P_SWITCH - P_BYTES) * frac(elapsed, p.switchoverMs),
          etaMs: Math.max(0, p.switchoverMs - elapsed) + p.cleanupMs,
        };
      case "cleanup":
        return {
          percent: P_SWITCH + (P_MAX_BEFORE_END - P_SWITCH) * frac(elapsed, p.cleanupMs),
          etaMs: Math.max(0, p.cleanupMs - elapsed),
        };
      default:
        return { percent: m.percent, etaMs: 0 };
    }
  }

  /** Bytes still to send: the rest of this pass, the passes the model expects, and the blackout. */
  private bytesLeft(m: Migration, passBytes: number, passSent: number, pass: number, rate: number): number {
    const p = m.policy;
    const { dirty, memoryBytes, pageBytes } = m.input;
    let left = passBytes - passSent;
    if (!(rate > 0) || p.precopy === false) return left + p.deviceStateBytes;
    let next = dirtiedBytes(dirty, memoryBytes, pageBytes, passBytes / rate);
    for (let k = pass; next > p.stopBelowBytes && k < p.maxPasses; k++) {
      left += next;
      next = dirtiedBytes(dirty, memoryBytes, pageBytes, next / rate);
    }
    return left + next + p.deviceStateBytes;
  }
}
