import "server-only";
import { z } from "zod";
import { MAX_SPEED, MIN_SPEED } from "@/lib/schemas/migration";
import { MigrationBus } from "./bus";
import { LabClock, systemClock } from "./clock";
import { DrainService } from "./drain-service";
import { MigrationService } from "./service";
import { Notifier } from "./streams";

/** LAB_SPEED: simulated seconds per wall second for moves that do not ask (1 = real time). */
export const LabSpeed = z.coerce
  .number({ error: "LAB_SPEED must be a number such as 1 or 20." })
  .min(MIN_SPEED, `LAB_SPEED is at least ${MIN_SPEED}.`)
  .max(MAX_SPEED, `LAB_SPEED is at most ${MAX_SPEED}.`)
  .default(1);

export function labSpeed(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LAB_SPEED?.trim() ? env.LAB_SPEED.trim() : undefined;
  const parsed = LabSpeed.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid LAB_SPEED "${raw}": ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** LAB_CLOCK_START: the lab clock's first instant (an ISO date), so two runs show the same times. */
export function labClockStart(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LAB_CLOCK_START?.trim();
  if (!raw) return Date.now();
  const parsed = z.iso.datetime({ offset: true }).safeParse(raw);
  if (!parsed.success)
    throw new Error(`Invalid LAB_CLOCK_START "${raw}": use an ISO date such as 2026-11-30T09:00:00Z.`);
  return Date.parse(parsed.data);
}

interface Migrations {
  clock: LabClock;
  service: MigrationService;
  /** Node drain and resume, on top of the service's moves and queue. */
  drains: DrainService;
  bus: MigrationBus;
  notifier: Notifier;
  ready: Promise<void>;
}

const globalForMigrations = globalThis as unknown as { lmlMigrations?: Migrations };

/**
 * The process's one migration service (it survives dev reloads on globalThis). The first call
 * resolves the moves a previous process left running; callers await `ready` before using it.
 */
export function migrations(): Migrations {
  if (!globalForMigrations.lmlMigrations) {
    const bus = new MigrationBus();
    const clock = new LabClock(systemClock, labClockStart());
    const speed = labSpeed();
    const defaultSpeed = () => (clock.state().controlled ? 1 : speed);
    const service = new MigrationService({ clock, bus, defaultSpeed });
    const drains = new DrainService(service, clock, defaultSpeed);
    const ready = service.recover().then(
      async (n) => {
        if (n > 0) console.log(`Resolved ${n} migration(s) left running by the previous server.`);
        const drained = await drains.recover();
        if (drained > 0) console.log(`Went on placing the roles of ${drained} node drain(s).`);
      },
      (error: unknown) => console.error("migration recovery failed", error),
    );
    globalForMigrations.lmlMigrations = { clock, service, drains, bus, notifier: new Notifier(bus), ready };
  }
  return globalForMigrations.lmlMigrations;
}

export async function readyMigrations(): Promise<Migrations> {
  const m = migrations();
  await m.ready;
  return m;
}
