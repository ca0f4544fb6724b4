import { dirtiedBytes } from "./dirty";
import { hashSeed, mulberry32 } from "./prng";
import { failureReason, successReason } from "./reason";
import { maxMinShares } from "./share";
import { TCP_TIMEOUT_MS, type TransportModel, transportModel } from "./transport";
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
  SimEvent,
  SimulationOptions,
  StageName,
} from "./types";
import { checkInput, EngineInputError } from "./validate";

type Phase = "pending" | "setup" | "memory" | "state-send" | "state-switch" | "cleanup" | "done";

/** Setup reserves the destination's memory halfway through, so that failure lands under 10 %. */
const RESERVE_AT_FRACTION = 0.5;
/** Percent bands: setup 0-5, bytes (pre-copy and blackout transfer) 5-95, switchover 95-97, cleanup 97-99. */
const P_SETUP = 5;
const P_BYTES = 95;
const P_SWITCH = 97;
const P_MAX_BEFORE_END = 99;

interface Link {
  id: string;
  /** Current line rate, wire bytes per second. */
  capacity: number;
  up: boolean;
  flows: Migration[];
  stale: boolean;
}

interface Migration {
  id: string;
  order: number;
  input: MigrationInput;
  policy: MigrationPolicy;
  link: Link;
  model: TransportModel;
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
  /** Its link is down: nothing moves, and TCP gives up (link-down) at this instant. */
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
    const linkId = input.link.id ?? `\u0000private:${id}`;
    let link = this.links.get(linkId);
    if (!link) {
      link = { id: linkId, capacity: input.link.bytesPerSecond, up: true, flows: [], stale: false };
      this.links.set(linkId, link);
    }
    const model = transportModel(input.transport, input.link, input.compression);
    const m: Migration = {
      id,
      order: this.migrations.size,
      input,
      policy,
      link,
      model,
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

  /** Processes everything up to and including `ms` and returns the events, in order. */
  advanceTo(ms: number): SimEvent[] {
    this.checkTime(ms);
    this.out = [];
    for (let t = this.peek(); t <= ms; t = this.peek()) {
      this.moveTo(t);
      this.processAt(t);
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
    return {
      migrationId: id,
      stage: m.phase === "pending" || m.phase === "done" ? m.phase : PHASE_STAGE[m.phase],
      percent: m.percent,
      pass: m.pass,
      bytesSent: m.bytesSent + this.sent(m),
      wireBytes: m.wireBytes + this.sent(m) * m.wirePerByte,
      bytesPerSecond: m.rate * 1000,
      startMs: m.startMs,
      summary: m.summary,
    };
  }

  summary(id: string): MigrationSummary | undefined {
    return this.migrations.get(id)?.summary;
  }

  /**
   * What the rest of a running move would do from now: the noiseless model (as predict()), alone on
   * its link at the link's current rate, continued from the move's present state (its stage, the
   * pass it is in and what that pass has sent, the passes already done). Undefined once it ended.
   */
  forecast(id: string): Prediction | undefined {
    const m = this.migrations.get(id);
    if (!m || m.phase === "done" || m.phase === "pending") return undefined;
    return this.forecastOf(m, this.now);
  }

  /** Current wire-rate shares (bytes/s) of the migrations transferring over a link. */
  linkShares(linkId: string): {
    capacity: number;
    shares: Array<{ migrationId: string; wireBytesPerSecond: number }>;
  } {
    const link = this.links.get(linkId);
    if (!link) return { capacity: 0, shares: [] };
    return {
      capacity: link.capacity,
      shares: link.flows.map((m) => ({
        migrationId: m.id,
        wireBytesPerSecond: m.rate * 1000 * m.wirePerByte,
      })),
    };
  }

  // --- scheduling -------------------------------------------------------------------------------

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

  private sent(m: Migration, t = this.now): number {
    if (!m.transferring) return 0;
    return Math.min(m.xferBytes, m.anchorSent + m.rate * (t - m.anchorMs));
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

  /** Recomputes max-min shares on links whose flows or capacity changed. */
  private rebalance(t: number): void {
    for (const m of this.active) {
      const link = m.link;
      if (!link.stale) continue;
      link.stale = false;
      // A pulled cable carries nothing: every flow stalls until TCP gives up.
      const capacity = link.up ? link.capacity : 0;
      const caps = link.flows.map((f) => f.model.wireCap(capacity));
      const shares = maxMinShares(capacity, caps);
      link.flows.forEach((f, i) => {
        f.anchorSent = this.sent(f, t);
        f.anchorMs = t;
        f.rate = (shares[i] ?? 0) / f.wirePerByte / 1000;
        f.nextAt = f.rate > 0 ? t + (f.xferBytes - f.anchorSent) / f.rate : f.linkDeadline;
      });
    }
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
    m.reserveAt = t + m.policy.setupMs * RESERVE_AT_FRACTION;
    m.nextAt = m.outOfMemory ? m.reserveAt : t + m.policy.setupMs;
    if (this.progress) {
      m.progressTick = 1;
      m.nextProgressAt = t + m.progressIntervalMs;
    }
    this.emit({ type: "stage-started", migrationId: m.id, atMs: t, stage: "setup" });
    if (!m.link.up) this.loseConnection(m, t);
  }

  /** The link is gone: the move stands still until TCP's retransmissions time out, then fails. */
  private loseConnection(m: Migration, t: number): void {
    m.linkDeadline = t + TCP_TIMEOUT_MS;
    m.nextAt = m.linkDeadline;
    m.link.stale = true;
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
        this.emit({ type: "stage-started", migrationId: m.id, atMs: t, stage: "cleanup" });
        m.phase = "cleanup";
        m.stageStartMs = t;
        m.nextAt = t + m.policy.cleanupMs;
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

  private startTransfer(m: Migration, t: number, bytes: number): void {
    m.xferBytes = bytes;
    m.anchorSent = 0;
    m.anchorMs = t;
    m.rate = 0;
    m.passStartMs = t;
    // Noise on the wire: retransmissions cost a few percent more wire per memory byte.
    m.wirePerByte = m.model.wirePerByte * (1 + m.noise * m.rng());
    m.nextAt = Number.POSITIVE_INFINITY;
    if (!m.transferring) {
      m.transferring = true;
      m.link.flows.push(m);
    }
    m.link.stale = true;
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
    m.link.flows = m.link.flows.filter((f) => f !== m);
    m.link.stale = true;
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
      m.bytesSent += sent;
      m.wireBytes += sent * m.wirePerByte;
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
    const reason =
      code === undefined
        ? successReason({
            passList: m.passList,
            converged: m.converged,
            maxPasses: m.policy.maxPasses,
            stopBelowBytes: m.policy.stopBelowBytes,
            dirty: m.input.dirty,
            downtimeMs: m.downtimeMs,
            precopy: m.policy.precopy !== false,
            memoryBytes: m.input.memoryBytes,
          })
        : failureReason(code, stage ?? "setup", t, m.pass, m.input.memoryBytes);
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
      cpuCoreSeconds: m.bytesSent * m.model.coresPerBytePerSecond,
      passList: m.passList,
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
      if (m.phase === "pending" || m.phase === "setup") {
        m.outOfMemory = true;
        if (m.phase === "setup") m.nextAt = Math.max(t, m.reserveAt);
        this.emit({
          type: "fault",
          migrationId: m.id,
          atMs: t,
          fault: fault.kind,
          effect: { kind: "setup-will-fail" },
        });
      } else {
        this.emit({
          type: "fault",
          migrationId: m.id,
          atMs: t,
          fault: fault.kind,
          effect: { kind: "memory-already-reserved" },
        });
      }
      return;
    }
    const link =
      fault.linkId !== undefined
        ? this.links.get(fault.linkId)
        : this.migrations.get(fault.migrationId ?? "")?.link;
    if (!link) return;
    const onLink = this.active.filter((m) => m.link === link && m.phase !== "done");
    if (fault.kind === "slow-link") {
      link.capacity = fault.bytesPerSecond;
      link.stale = true;
      for (const m of onLink) {
        this.emit({
          type: "fault",
          migrationId: m.id,
          atMs: t,
          fault: fault.kind,
          effect: {
            kind: "link-slowed",
            bytesPerSecond: fault.bytesPerSecond,
            // The old prediction no longer holds: the model again, from where the move stands now.
            prediction: this.forecastOf(m, t),
          },
        });
      }
      return;
    }
    link.up = false;
    link.stale = true;
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

  private forecastOf(m: Migration, t: number): Prediction {
    const fork = new Simulation({ progress: false });
    fork.now = t;
    const link: Link = { id: m.link.id, capacity: m.link.capacity, up: m.link.up, flows: [], stale: true };
    const copy: Migration = {
      ...m,
      link,
      noise: 0,
      rng: mulberry32(0),
      passList: [...m.passList],
      anchorSent: this.sent(m, t),
      anchorMs: t,
      rate: 0,
      nextProgressAt: Number.POSITIVE_INFINITY,
      summary: undefined,
    };
    if (copy.transferring) link.flows.push(copy);
    fork.migrations.set(copy.id, copy);
    fork.active.push(copy);
    fork.rebalance(t); // the transfer in flight, at the link's current rate
    fork.runToEnd();
    const s = copy.summary;
    if (!s) throw new Error(`forecast of ${m.id} did not finish`);
    return {
      totalMs: s.totalMs,
      downtimeMs: s.downtimeMs,
      passes: s.passes,
      converged: s.converged,
      stoppedAtCap: s.stoppedAtCap,
      bytesSent: s.bytesSent,
      wireBytes: s.wireBytes,
      reason: s.reason,
      passList: s.passList,
    };
  }

  // --- progress ---------------------------------------------------------------------------------

  private emitProgress(m: Migration, t: number, final: boolean): void {
    const { percent, etaMs } = final ? { percent: 100, etaMs: 0 } : this.estimate(m, t);
    if (!final) m.percent = Math.min(P_MAX_BEFORE_END, Math.max(m.percent, percent));
    const rate = m.transferring ? m.rate * 1000 : 0;
    this.emit({
      type: "progress",
      migrationId: m.id,
      atMs: t,
      stage: stageOf(m),
      percent: m.percent,
      bytesSent: m.bytesSent + this.sent(m, t),
      wireBytes: m.wireBytes + this.sent(m, t) * m.wirePerByte,
      bytesPerSecond: rate,
      etaMs,
      cpuCores: rate * m.model.coresPerBytePerSecond,
    });
  }

  /** Percent and time left, from the current pass and the noiseless model for the passes to come. */
  private estimate(m: Migration, t: number): { percent: number; etaMs: number } {
    // The link is down: nothing advances, and the move ends (fails) when TCP gives up.
    if (Number.isFinite(m.linkDeadline))
      return { percent: m.percent, etaMs: Math.max(0, m.linkDeadline - t) };
    const p = m.policy;
    const elapsed = t - m.stageStartMs;
    const tail = p.switchoverMs + p.cleanupMs;
    const rate = m.rate > 0 ? m.rate : m.model.wireCap(m.link.capacity) / m.model.wirePerByte / 1000;
    switch (m.phase) {
      case "setup": {
        const left = this.bytesLeft(m, m.input.memoryBytes, 0, 1, rate);
        return {
          percent: P_SETUP * frac(elapsed, p.setupMs),
          etaMs: Math.max(0, p.setupMs - elapsed) + (rate > 0 ? left / rate : 0) + tail,
        };
      }
      case "memory":
      case "state-send": {
        const left =
          m.phase === "memory"
            ? this.bytesLeft(m, m.xferBytes, this.sent(m, t), m.pass, rate)
            : m.xferBytes - this.sent(m, t);
        const sent = m.bytesSent + this.sent(m, t);
        return {
          percent: P_SETUP + (P_BYTES - P_SETUP) * frac(sent, sent + left),
          etaMs: (rate > 0 ? left / rate : 0) + tail,
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
