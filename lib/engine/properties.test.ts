import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxMinShares, Simulation, simulate, transportModel } from "./index";
import { GiB, MiB } from "./testkit";
import type { DirtyInput, MigrationInput, SimEvent, Transport } from "./types";

const RUNS = { numRuns: 150 };

const arbDirty: fc.Arbitrary<DirtyInput> = fc.oneof(
  fc.record({
    model: fc.constant("linear" as const),
    bytesPerSecond: fc.double({ min: 0, max: 3e9, noNaN: true }),
  }),
  fc.record({
    model: fc.constant("hotset" as const),
    hotSetBytes: fc.integer({ min: 0, max: 8192 }).map((m) => m * MiB),
    writesPerSecond: fc.double({ min: 0, max: 500_000, noNaN: true }),
    coldBytesPerSecond: fc.double({ min: 0, max: 200e6, noNaN: true }),
  }),
);

const arbTransport = fc.constantFrom<Transport>("raw", "tcpip", "compression", "smb");

const arbInput = (noise: fc.Arbitrary<number>): fc.Arbitrary<MigrationInput> =>
  fc.record({
    memoryBytes: fc.integer({ min: 64, max: 64 * 1024 }).map((m) => m * MiB),
    pageBytes: fc.constant(4096),
    dirty: arbDirty,
    link: fc.record({
      bytesPerSecond: fc.double({ min: 20e6, max: 12.5e9, noNaN: true }),
      nics: fc.integer({ min: 1, max: 4 }),
    }),
    transport: arbTransport,
    policy: fc.record({
      maxPasses: fc.integer({ min: 1, max: 12 }),
      stopBelowBytes: fc.integer({ min: 0, max: 256 }).map((m) => m * MiB),
      setupMs: fc.integer({ min: 0, max: 5000 }),
      switchoverMs: fc.integer({ min: 0, max: 1000 }),
      cleanupMs: fc.integer({ min: 0, max: 2000 }),
      deviceStateBytes: fc.integer({ min: 0, max: 64 }).map((m) => m * MiB),
    }),
    noise,
    seed: fc.integer(),
  });

const noisy = arbInput(fc.double({ min: 0, max: 0.1, noNaN: true }));
const exact = arbInput(fc.constant(0));

/** Disks to copy first (a shared-nothing move), or none. */
const arbStorage = fc.option(
  fc.record({
    bytes: fc.integer({ min: 0, max: 64 }).map((g) => g * GiB),
    writeBytesPerSecond: fc.double({ min: 0, max: 100e6, noNaN: true }),
    disks: fc.array(
      fc.record({
        id: fc.constantFrom("disk:a", "disk:b"),
        bytesPerSecond: fc.constant(500e6),
      }),
      { maxLength: 2 },
    ),
  }),
);
const withStorage = (inputs: fc.Arbitrary<MigrationInput>) =>
  fc.tuple(inputs, arbStorage).map(([input, storage]) => (storage ? { ...input, storage } : input));
/** One move, sometimes with disks to copy first. */
const noisyMove = withStorage(noisy);
const exactMove = withStorage(exact);

const of = <T extends SimEvent["type"]>(events: SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

describe("engine properties", () => {
  it("bytes sent >= memory and passes <= cap", () => {
    fc.assert(
      fc.property(noisyMove, (input) => {
        const { summary } = simulate(input, { progress: false });
        expect(summary.outcome).toBe("succeeded");
        expect(summary.bytesSent).toBeGreaterThanOrEqual(input.memoryBytes);
        expect(summary.passes).toBeGreaterThanOrEqual(1);
        expect(summary.passes).toBeLessThanOrEqual(input.policy?.maxPasses ?? 10);
        expect(summary.converged || summary.stoppedAtCap).toBe(true);
      }),
      RUNS,
    );
  });

  it("more bandwidth never makes a move slower", () => {
    fc.assert(
      fc.property(exactMove, fc.double({ min: 0, max: 4, noNaN: true }), (input, more) => {
        const slow = simulate(input, { progress: false }).summary;
        const link = { ...input.link, bytesPerSecond: input.link.bytesPerSecond * (1 + more) };
        const fast = simulate({ ...input, link }, { progress: false }).summary;
        expect(fast.totalMs).toBeLessThanOrEqual(slow.totalMs * (1 + 1e-9));
      }),
      RUNS,
    );
  });

  it("a higher dirty rate never means fewer passes, nor less downtime for as many passes", () => {
    fc.assert(
      fc.property(exact, fc.double({ min: 0, max: 3, noNaN: true }), (input, more) => {
        const d = input.dirty;
        const scale = 1 + more;
        const dirtier: DirtyInput =
          d.model === "linear"
            ? { ...d, bytesPerSecond: d.bytesPerSecond * scale }
            : {
                ...d,
                writesPerSecond: d.writesPerSecond * scale,
                coldBytesPerSecond: d.coldBytesPerSecond * scale,
              };
        const a = simulate(input, { progress: false }).summary;
        const b = simulate({ ...input, dirty: dirtier }, { progress: false }).summary;
        expect(b.passes).toBeGreaterThanOrEqual(a.passes);
        if (b.passes === a.passes) expect(b.downtimeMs).toBeGreaterThanOrEqual(a.downtimeMs * (1 - 1e-9));
      }),
      RUNS,
    );
  });

  it("the same seed gives identical events, however finely the run is stepped", () => {
    fc.assert(
      fc.property(noisyMove, fc.integer({ min: 50, max: 5000 }), (input, step) => {
        const once = simulate(input).events;
        expect(simulate(input).events).toEqual(once);
        const sim = new Simulation();
        sim.addMigration("m1", input, 0);
        const stepped: SimEvent[] = [];
        // A few thousand steps at most: a disk copy over a slow link runs for hours.
        const stepMs = Math.max(step, (once.at(-1)?.atMs ?? 0) / 3000);
        for (let t = 0; !sim.idle; t += stepMs) stepped.push(...sim.advanceTo(t));
        expect(stepped).toEqual(once);
      }),
      { numRuns: 60 },
    );
  });

  it("max-min shares never exceed the link or a cap, use the link fully, and are fair", () => {
    const arbCap = fc.oneof(
      fc.double({ min: 0, max: 2e9, noNaN: true }),
      fc.constant(Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e10, noNaN: true }),
        fc.array(arbCap, { maxLength: 12 }),
        (cap, caps) => {
          const shares = maxMinShares(cap, caps);
          const eps = cap * 1e-9;
          const sum = shares.reduce((a, b) => a + b, 0);
          expect(sum).toBeLessThanOrEqual(cap + eps);
          shares.forEach((s, i) => {
            const own = caps[i] ?? 0;
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(own + eps);
            // Max-min: a flow held below its cap gets at least as much as any other flow.
            if (s < own - eps) for (const other of shares) expect(s).toBeGreaterThanOrEqual(other - eps);
          });
          if (sum < cap - eps) {
            shares.forEach((s, i) => {
              expect(s).toBeCloseTo(caps[i] ?? 0, 3);
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("moves sharing a link never get more than it carries, and get fair shares", () => {
    const member = fc.record({ input: exact, startMs: fc.integer({ min: 0, max: 20_000 }) });
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 2, maxLength: 6 }),
        fc.double({ min: 50e6, max: 5e9, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 8 }),
        (members, capacity, probes) => {
          const sim = new Simulation({ progress: false });
          const link = { bytesPerSecond: capacity, id: "lm", nics: 2 };
          const models = new Map<string, ReturnType<typeof transportModel>>();
          members.forEach(({ input, startMs }, i) => {
            sim.addMigration(`m${i}`, { ...input, link }, startMs);
            models.set(`m${i}`, transportModel(input.transport, link, input.compression));
          });
          for (const t of [...probes].sort((a, b) => a - b)) {
            sim.advanceTo(Math.max(t, sim.nowMs));
            const { shares } = sim.linkShares("lm");
            const eps = capacity * 1e-6;
            const sum = shares.reduce((a, s) => a + s.wireBytesPerSecond, 0);
            expect(sum).toBeLessThanOrEqual(capacity + eps);
            for (const s of shares) {
              const capOf = models.get(s.migrationId)?.wireCap(capacity) ?? 0;
              expect(s.wireBytesPerSecond).toBeLessThanOrEqual(capOf + eps);
              if (s.wireBytesPerSecond < capOf - eps) {
                for (const o of shares)
                  expect(s.wireBytesPerSecond).toBeGreaterThanOrEqual(o.wireBytesPerSecond - eps);
              }
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it("moves leaving or entering through the same NICs or disks never exceed them and each gets its max-min share", () => {
    const hosts = [1, 2, 3];
    const capacity = fc.double({ min: 50e6, max: 5e9, noNaN: true });
    const member = fc.record({
      input: exact,
      from: fc.constantFrom(...hosts),
      to: fc.constantFrom(...hosts),
      startMs: fc.integer({ min: 0, max: 20_000 }),
      disks: fc.option(fc.integer({ min: 1, max: 64 }).map((g) => g * GiB)),
    });
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 2, maxLength: 7 }),
        fc.tuple(capacity, capacity, capacity),
        fc.tuple(capacity, capacity, capacity),
        fc.option(fc.record({ at: fc.integer({ min: 0, max: 60_000 }), to: capacity })),
        (members, outCaps, inCaps, throttle) => {
          const sim = new Simulation({ progress: false });
          members.forEach(({ input, from, to, startMs, disks }, i) => {
            const dst = to === from ? (from % 3) + 1 : to;
            sim.addMigration(
              `m${i}`,
              {
                ...input,
                link: {
                  bytesPerSecond: outCaps[from - 1] ?? 1e9,
                  id: `out:${from}`,
                  nics: input.link.nics,
                  via: [{ id: `in:${dst}`, bytesPerSecond: inCaps[dst - 1] ?? 1e9 }],
                },
                ...(disks
                  ? {
                      storage: {
                        bytes: disks,
                        writeBytesPerSecond: 1e6,
                        disks: [
                          { id: `disk:${from}`, bytesPerSecond: 500e6 },
                          { id: `disk:${dst}`, bytesPerSecond: 500e6 },
                        ],
                      },
                    }
                  : {}),
              },
              startMs,
            );
          });
          if (throttle) {
            const link = `out:${members[0]?.from ?? 1}`;
            sim.injectFault({ kind: "slow-link", linkId: link, bytesPerSecond: throttle.to }, throttle.at);
          }
          // Rates change only at events: checking right after each one checks every instant.
          for (let step = 0; step < 400; step++) {
            const t = sim.nextEventTime();
            if (t === undefined) break;
            sim.advanceTo(t);
            const flows = sim.flows();
            const load = new Map<string, { capacity: number; used: number; shares: number[] }>();
            for (const f of flows) {
              for (const r of f.route) {
                const entry = load.get(r.id) ?? { capacity: r.capacity, used: 0, shares: [] };
                entry.used += f.wireBytesPerSecond * r.weight;
                entry.shares.push(f.wireBytesPerSecond);
                load.set(r.id, entry);
              }
            }
            for (const r of load.values()) expect(r.used).toBeLessThanOrEqual(r.capacity * (1 + 1e-9) + 1e-6);
            for (const f of flows) {
              const atCap = f.wireBytesPerSecond >= f.capBytesPerSecond * (1 - 1e-9);
              // Max-min: a flow below its cap has a full resource on which no flow gets more.
              const bottleneck = f.route.some((r) => {
                const entry = load.get(r.id);
                if (!entry || entry.used < entry.capacity * (1 - 1e-9)) return false;
                return entry.shares.every((s) => f.wireBytesPerSecond >= s * (1 - 1e-9));
              });
              expect(atCap || bottleneck).toBe(true);
            }
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it("a cancel or a link failure before switchover leaves the VM on the source; after, the move completes", () => {
    fc.assert(
      fc.property(
        noisyMove,
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        fc.constantFrom("cancel", "link-down"),
        (input, at, how) => {
          const ref = simulate(input);
          const switchover = of(ref.events, "blackout-ended")[0]?.atMs ?? Number.NaN;
          const t = at * ref.summary.endMs;
          fc.pre(Math.abs(t - switchover) > 1e-6);
          const sim = new Simulation();
          sim.addMigration("m1", input, 0);
          if (how === "cancel") sim.cancel("m1", t);
          else sim.injectFault({ kind: "link-down", migrationId: "m1" }, t);
          const events = sim.runToEnd();
          const summary = sim.summary("m1");
          expect(events.at(-1)?.type).toBe("done");
          expect(sim.linkShares(`\u0000private:m1`).shares).toEqual([]);
          if (t < switchover) {
            expect(summary?.outcome).toBe(how === "cancel" ? "cancelled" : "failed");
            expect(summary?.owner).toBe("source");
            expect(of(events, "rollback")).toHaveLength(1);
            expect(of(events, "stage-started").map((e) => e.stage)).not.toContain("cleanup");
            expect(summary?.reason).toMatchObject({
              kind: "failed",
              code: how === "cancel" ? "cancelled" : "link-down",
            });
          } else {
            expect(summary).toEqual(ref.summary);
          }
        },
      ),
      RUNS,
    );
  });

  it("progress never goes backwards and reaches 100 only at the end of a successful move", () => {
    fc.assert(
      fc.property(
        noisyMove,
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (input, cancelAt, slowAt, slowBy) => {
          const endMs = simulate(input, { progress: false }).summary.endMs;
          const sim = new Simulation({ progressIntervalMs: Math.max(100, endMs / 150) });
          sim.addMigration("m1", input, 0);
          if (cancelAt !== null) sim.cancel("m1", cancelAt * endMs);
          // A slower link makes the estimate of what is left jump up: percent must still hold.
          const slow = input.link.bytesPerSecond * slowBy;
          sim.injectFault({ kind: "slow-link", migrationId: "m1", bytesPerSecond: slow }, slowAt * endMs);
          const events = sim.runToEnd();
          const progress = of(events, "progress");
          for (let i = 1; i < progress.length; i++) {
            expect(progress[i]?.percent).toBeGreaterThanOrEqual(progress[i - 1]?.percent ?? 0);
          }
          const succeeded = sim.summary("m1")?.outcome === "succeeded";
          const last = progress.at(-1);
          for (const p of progress.slice(0, -1)) expect(p.percent).toBeLessThan(100);
          if (succeeded) {
            expect(last?.percent).toBe(100);
            expect(last?.atMs).toBe(events.at(-1)?.atMs);
          } else if (last) expect(last.percent).toBeLessThan(100);
        },
      ),
      RUNS,
    );
  });

  it("predicts every stage time of a 64 GiB VM without overflow or NaN", () => {
    const input: MigrationInput = {
      memoryBytes: 64 * GiB,
      pageBytes: 4096,
      dirty: { model: "hotset", hotSetBytes: 4 * GiB, writesPerSecond: 300_000, coldBytesPerSecond: 50e6 },
      link: { bytesPerSecond: 1.25e9 },
      transport: "tcpip",
    };
    const { summary, events } = simulate(input);
    expect(Number.isFinite(summary.totalMs)).toBe(true);
    expect(events.every((e) => Number.isFinite(e.atMs))).toBe(true);
  });
});
