import "server-only";

/**
 * The lab clock's now (lib/migrations/index.ts keeps the clock on globalThis), for the inventory's
 * own timestamps: a VM's start, its power events, a new server's boot. Read from the global so
 * that lib/inventory needs nothing of lib/migrations; the wall clock before the service exists.
 */
export function labNow(): Date {
  const shared = globalThis as { lmlMigrations?: { clock: { now(): number } } };
  return new Date(shared.lmlMigrations?.clock.now() ?? Date.now());
}
