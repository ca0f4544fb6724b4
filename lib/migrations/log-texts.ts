import {
  cancelTooLateText,
  labEntry,
  type MigrationFacts,
  type MigrationLogEntry,
  migrationBlocked,
  migrationCancelled,
  migrationCompleted,
  migrationFaulted,
  migrationInitiated,
  migrationLimitReached,
} from "@/lib/hyperv/migration-events";
import type { MigrationDto } from "@/lib/schemas/migration";

// The words of a move's log. Hyper-V's own texts come from lib/hyperv/migration-events.ts; the
// lab adds the status lines and its own entries (no event id, the lab's channel) for what only the
// lab does (faults, restarts) and for what Hyper-V does not log (a cancel).

export type LogEntry = MigrationLogEntry;
type Facts = MigrationFacts;

export function runningMessage(f: Facts): string {
  return f.kind === "storage"
    ? `Moving the storage of '${f.vmName}'.`
    : `Moving '${f.vmName}' from ${f.sourceHostName} to ${f.destinationHostName}.`;
}

export function queuedMessage(f: Facts, limit: number | undefined): string {
  const slots = limit === undefined ? "its maximum number of" : String(limit);
  return `Queued: ${f.sourceHostName} or ${f.destinationHostName} is already running ${slots} simultaneous migration(s); '${f.vmName}' starts when one ends.`;
}

export const initiated = migrationInitiated;
export const completed = migrationCompleted;
export const cancelled = migrationCancelled;
/** A queued move whose preflight fails when its turn comes (21502 with the incompatibility). */
export const blocked = migrationBlocked;
export const limitReached = (f: Facts, limit: number): LogEntry => migrationLimitReached(f.vmName, limit);

export function failed(f: Facts, code: string): LogEntry {
  return code === "link-down" || code === "destination-out-of-memory"
    ? migrationFaulted(f, code)
    : labEntry("Error", `The migration of '${f.vmName}' failed in the lab (${code}).`);
}

/** The lesson faults are the lab's doing, so the lab words them (Hyper-V logs only the failure). */
export function faultInjected(f: Facts, fault: string): LogEntry {
  switch (fault) {
    case "link-down":
      return labEntry(
        "Warning",
        `Lesson fault: the live-migration network cable between ${f.sourceHostName} and ${f.destinationHostName} was pulled.`,
      );
    case "destination-out-of-memory":
      return labEntry(
        "Warning",
        `Lesson fault: ${f.destinationHostName} ran short of memory for '${f.vmName}'.`,
      );
    default:
      return labEntry(
        "Warning",
        `Lesson fault: the live-migration link between ${f.sourceHostName} and ${f.destinationHostName} was throttled.`,
      );
  }
}

export function resolvedAfterRestart(f: Facts, switchedOver: boolean): LogEntry {
  return switchedOver
    ? labEntry(
        "Information",
        `The server restarted after '${f.vmName}' had switched over to ${f.destinationHostName}; the move is recorded as completed.`,
      )
    : labEntry(
        "Error",
        `The lab's server restarted before '${f.vmName}' switched over; the migration was rolled back and the virtual machine keeps running on host '${f.sourceHostName}'.`,
      );
}

export function tooLateToCancel(
  m: Pick<MigrationDto, "vmName" | "kind" | "status" | "switchedOver" | "sourceHost" | "destinationHost">,
): string {
  if (m.switchedOver) {
    return cancelTooLateText({
      vmName: m.vmName,
      kind: m.kind,
      sourceHostName: m.sourceHost.name,
      destinationHostName: m.destinationHost.name,
    });
  }
  return `The migration of '${m.vmName}' has already ended (${m.status}); there is nothing to cancel.`;
}
