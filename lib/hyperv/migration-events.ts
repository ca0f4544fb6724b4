// The Hyper-V event log entries of a move (Microsoft-Windows-Hyper-V-VMMS-Admin), with Hyper-V's
// exact texts (docs/hyperv.md). The runner adds the host name to make a LogPayload.
import type { FailureCode } from "@/lib/engine";
import type { Incompatibility, LogPayload, MigrationKind } from "@/lib/schemas/migration";
import { outOfMemoryMessage } from "./memory";
import { CREATE_PARTITION_TEXT } from "./preflight";
import { CHANNEL, eventMoveWords } from "./vocabulary";

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

const entry = (eventId: number, level: LogPayload["level"], message: string): MigrationLogEntry => ({
  eventId,
  level,
  channel: CHANNEL.vmms,
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
  return entry(
    EVENT_ID.limitReached,
    "Error",
    `Failed to perform migration on virtual machine "${vmName}" because virtual machine migration limit "${limit}" was reached, please wait for completion of an ongoing migration operation.`,
  );
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
  if (code === "link-down") {
    return `Failed to establish a connection with host "${f.destinationHostName}": A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (0x8007274C)`;
  }
  return `${CREATE_PARTITION_TEXT} ${outOfMemoryMessage(f.vmName)}`;
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
    return entry(
      EVENT_ID.failed,
      "Error",
      `Live migration of '${f.vmName}' failed. VM failed to live migrate because a virtual switch used by the VM doesn't exist on the destination node "${f.destinationHostName}".`,
    );
  }
  return migrationFailed(f, incompatibility.message);
}

/**
 * A cancel before switchover: Windows' ERROR_CANCELLED text, as 21502 but a warning, since nothing
 * went wrong and the VM keeps running where it was.
 */
export function migrationCancelled(f: MigrationFacts): MigrationLogEntry {
  return entry(
    EVENT_ID.failed,
    "Warning",
    `${capitalized(eventMoveWords(f.kind))} of '${f.vmName}' was cancelled: The operation was canceled by the user. (0x800704C7) The virtual machine keeps running on host '${f.sourceHostName}'.`,
  );
}

/** A cancel after switchover (the 409): the VM already runs on the destination, the move completes. */
export function cancelTooLateText(f: MigrationFacts): string {
  const where =
    f.kind === "storage" ? "to its new storage" : `over to destination host "${f.destinationHostName}"`;
  return `The ${eventMoveWords(f.kind)} of virtual machine "${f.vmName}" cannot be cancelled: it has already switched ${where} and will complete.`;
}
