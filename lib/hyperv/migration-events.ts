// The Hyper-V event log entries of a move, with Hyper-V's exact texts (docs/hyperv.md): the host's
// 20413/20415/20417 on Hyper-V-VMMS-Admin, the cluster-side 21501/21502 on
// Hyper-V-High-Availability-Admin. What Hyper-V does not log (a cancel, a restart of the lab's own
// server) is the lab's own entry, on the lab's channel with no event id. The runner adds the host
// name to make a LogPayload.
import type { FailureCode } from "@/lib/engine";
import type { Incompatibility, LogPayload, MigrationKind } from "@/lib/schemas/migration";
import {
  CREATE_PARTITION_TEXT,
  connectionTimedOutText,
  limitReachedText,
  outOfMemoryText,
  switchMissingEventText,
} from "./failure-texts";
import { CHANNEL, type Channel, eventMoveWords } from "./vocabulary";

export type MigrationLogEntry = Omit<LogPayload, "hostName">;

export interface MigrationFacts {
  vmName: string;
  kind: MigrationKind;
  sourceHostName: string;
  destinationHostName: string;
}

export const EVENT_ID = {
  initiated: 20413,
  completed: 20415,
  longBlackout: 20417,
  limitReached: 21501,
  failed: 21502,
} as const;

/** The channel each of Hyper-V's migration events is written to. */
export const EVENT_CHANNEL: Record<(typeof EVENT_ID)[keyof typeof EVENT_ID], Channel> = {
  [EVENT_ID.initiated]: CHANNEL.vmms,
  [EVENT_ID.completed]: CHANNEL.vmms,
  [EVENT_ID.longBlackout]: CHANNEL.vmms,
  [EVENT_ID.limitReached]: CHANNEL.highAvailability,
  [EVENT_ID.failed]: CHANNEL.highAvailability,
};

/**
 * Above this blackout 20415 becomes the 20417 warning. Real 20415s report 0.5-0.6 s and the seed
 * logs 3.1 s as 20417; at 2 s the guest's TCP peers have already retransmitted (1 s initial RTO).
 */
export const LONG_BLACKOUT_MS = 2000;

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "0.5 seconds": Hyper-V's blackout, one decimal. */
export function blackoutSeconds(downtimeMs: number): string {
  return `${(downtimeMs / 1000).toFixed(1)} seconds`;
}

const entry = (
  eventId: (typeof EVENT_ID)[keyof typeof EVENT_ID],
  level: LogPayload["level"],
  message: string,
): MigrationLogEntry => ({ eventId, level, channel: EVENT_CHANNEL[eventId], message });

/** The lab's own line, for what Hyper-V does not log: no event id, the lab's channel. */
export const labEntry = (level: LogPayload["level"], message: string): MigrationLogEntry => ({
  eventId: 0,
  level,
  channel: CHANNEL.lab,
  message,
});

/** 20413, logged by the source when the move starts. */
export function migrationInitiated(f: MigrationFacts): MigrationLogEntry {
  const to = f.kind === "storage" ? "" : ` to destination host "${f.destinationHostName}"`;
  return entry(
    EVENT_ID.initiated,
    "Information",
    `The Virtual Machine Management Service initiated the ${eventMoveWords(f.kind)} of virtual machine "${f.vmName}"${to}.`,
  );
}

/**
 * 20415 with the blackout, or 20417 when it was unexpectedly long. A quick migration's downtime is
 * the point of it (the VM is saved), so it never raises 20417.
 */
export function migrationCompleted(f: MigrationFacts, downtimeMs: number): MigrationLogEntry {
  // 20415's sentence is about a blackout, which a storage move never has; no source gives the
  // event Hyper-V writes when one completes, so the lab writes its own line.
  if (f.kind === "storage") {
    return labEntry(
      "Information",
      `The storage migration of '${f.vmName}' completed: the virtual machine now runs from its new files on host '${f.sourceHostName}' and was never paused.`,
    );
  }
  const words = eventMoveWords(f.kind);
  if (downtimeMs > LONG_BLACKOUT_MS && f.kind !== "quick") {
    return entry(
      EVENT_ID.longBlackout,
      "Warning",
      `The Virtual Machine Management service completed the ${words} of virtual machine "${f.vmName}" with an unexpectedly long blackout time of ${blackoutSeconds(downtimeMs)}.`,
    );
  }
  return entry(
    EVENT_ID.completed,
    "Information",
    `The Virtual Machine Management service successfully completed the ${words} of virtual machine "${f.vmName}" with a blackout time of ${blackoutSeconds(downtimeMs)}.`,
  );
}

/** 21501: over the limit when started from Hyper-V Manager or PowerShell (the cluster and WAC queue). */
export function migrationLimitReached(vmName: string, limit: number): MigrationLogEntry {
  return entry(EVENT_ID.limitReached, "Error", limitReachedText(vmName, limit));
}

/** 21502 with Hyper-V's reason after "Live migration of 'VM1' failed." */
export function migrationFailed(f: MigrationFacts, reason: string): MigrationLogEntry {
  return entry(
    EVENT_ID.failed,
    "Error",
    `${capitalized(eventMoveWords(f.kind))} of '${f.vmName}' failed. ${reason}`,
  );
}

/** The engine's runtime faults in Hyper-V's words (the HRESULTs the engine reports). */
export function faultReason(f: MigrationFacts, code: Exclude<FailureCode, "cancelled">): string {
  if (code === "link-down") return connectionTimedOutText(f.destinationHostName);
  return `${CREATE_PARTITION_TEXT} ${outOfMemoryText(f.vmName)}`;
}

/** 21502 for a move the engine rolled back after a fault. */
export function migrationFaulted(
  f: MigrationFacts,
  code: Exclude<FailureCode, "cancelled">,
): MigrationLogEntry {
  return migrationFailed(f, faultReason(f, code));
}

/** 21502 for a preflight error met when the move starts; the switch has its own full sentence. */
export function migrationBlocked(f: MigrationFacts, incompatibility: Incompatibility): MigrationLogEntry {
  if (incompatibility.rule === "switch" && f.kind !== "storage") {
    return entry(EVENT_ID.failed, "Error", switchMissingEventText(f.vmName, f.destinationHostName));
  }
  return migrationFailed(f, incompatibility.message);
}

/**
 * A cancel before switchover. Hyper-V logs no event of its own for it, so this is the lab's entry
 * (no event id, the lab's channel): nothing went wrong and the VM keeps running where it was.
 */
export function migrationCancelled(f: MigrationFacts): MigrationLogEntry {
  return labEntry(
    "Information",
    `The ${eventMoveWords(f.kind)} of '${f.vmName}' was cancelled before switchover and rolled back; the virtual machine keeps running on host '${f.sourceHostName}'.`,
  );
}

/** A cancel after switchover (the 409): the VM already runs on the destination, the move completes. */
export function cancelTooLateText(f: MigrationFacts): string {
  const where =
    f.kind === "storage" ? "to its new storage" : `over to destination host "${f.destinationHostName}"`;
  return `The ${eventMoveWords(f.kind)} of virtual machine "${f.vmName}" cannot be cancelled: it has already switched ${where} and will complete.`;
}
