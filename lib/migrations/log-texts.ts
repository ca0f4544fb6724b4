import type { LogPayload, MigrationDto } from "@/lib/schemas/migration";

// The words of a move's log, from the facts of one migration. Exact Hyper-V texts live in
// lib/hyperv/migration-events.ts; this file picks and fills them.

export type LogEntry = Omit<LogPayload, "hostName">;

interface Facts {
  vmName: string;
  kind: string;
  sourceHostName: string;
  destinationHostName: string;
}

const VMMS = "Microsoft-Windows-Hyper-V-VMMS-Admin";

const verb = (f: Facts) =>
  f.kind === "storage" ? "storage migration" : f.kind === "quick" ? "quick migration" : "live migration";

export function runningMessage(f: Facts): string {
  return f.kind === "storage"
    ? `Moving the storage of '${f.vmName}'.`
    : `Moving '${f.vmName}' from ${f.sourceHostName} to ${f.destinationHostName}.`;
}

export function queuedMessage(f: Facts, limit: number | undefined): string {
  return `Queued: ${f.sourceHostName} or ${f.destinationHostName} is already running ${limit ?? "its maximum number of"} simultaneous migration(s); '${f.vmName}' starts when one ends.`;
}

export function initiated(f: Facts): LogEntry {
  return {
    eventId: 20413,
    level: "Information",
    channel: VMMS,
    message: `The Virtual Machine Management Service initiated the live migration of virtual machine "${f.vmName}" to destination host "${f.destinationHostName}".`,
  };
}

export function completed(f: Facts, downtimeMs: number): LogEntry {
  const seconds = (downtimeMs / 1000).toFixed(1);
  const long = downtimeMs > 5000;
  return {
    eventId: long ? 20417 : 20415,
    level: long ? "Warning" : "Information",
    channel: VMMS,
    message: long
      ? `The Virtual Machine Management service completed the live migration of virtual machine "${f.vmName}" with an unexpectedly long blackout time of ${seconds} seconds.`
      : `The Virtual Machine Management service successfully completed the live migration of virtual machine "${f.vmName}" with a blackout time of ${seconds} seconds.`,
  };
}

export function limitReached(f: Facts, limit: number): LogEntry {
  return {
    eventId: 21501,
    level: "Error",
    channel: VMMS,
    message: `Failed to perform migration on virtual machine "${f.vmName}" because virtual machine migration limit "${limit}" was reached, please wait for completion of an ongoing migration operation.`,
  };
}

export function failed(f: Facts, code: string): LogEntry {
  const reason =
    code === "link-down"
      ? `Failed to establish a connection with host "${f.destinationHostName}": A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (0x8007274C).`
      : code === "destination-out-of-memory"
        ? `'${f.vmName}' could not initialize memory: Ran out of memory (0x8007000E).`
        : `The ${verb(f)} did not complete (${code}).`;
  return {
    eventId: 21502,
    level: "Error",
    channel: VMMS,
    message: `Live migration of '${f.vmName}' failed. ${reason}`,
  };
}

export function cancelled(f: Facts): LogEntry {
  return {
    eventId: 21502,
    level: "Warning",
    channel: VMMS,
    message: `Live migration of '${f.vmName}' was cancelled. The virtual machine keeps running on ${f.sourceHostName}.`,
  };
}

export function faultInjected(f: Facts, fault: string): LogEntry {
  return fault === "link-down"
    ? {
        eventId: 21024,
        level: "Error",
        channel: VMMS,
        message: `Network connectivity between ${f.sourceHostName} and ${f.destinationHostName} was lost during the live migration of '${f.vmName}'.`,
      }
    : {
        eventId: 21024,
        level: "Warning",
        channel: VMMS,
        message: `The live-migration network between ${f.sourceHostName} and ${f.destinationHostName} slowed down during the migration of '${f.vmName}'.`,
      };
}

export function resolvedAfterRestart(f: Facts, switchedOver: boolean): LogEntry {
  return switchedOver
    ? {
        eventId: 20415,
        level: "Information",
        channel: VMMS,
        message: `The live migration of "${f.vmName}" had already switched over to ${f.destinationHostName} when the service restarted; it is recorded as completed.`,
      }
    : {
        eventId: 21502,
        level: "Error",
        channel: VMMS,
        message: `Live migration of '${f.vmName}' failed: the Virtual Machine Management Service restarted before switchover. The migration was rolled back and the virtual machine keeps running on ${f.sourceHostName}.`,
      };
}

export function tooLateToCancel(
  m: Pick<MigrationDto, "vmName" | "status" | "switchedOver" | "destinationHost">,
): string {
  if (m.status !== "running" && m.status !== "queued" && !m.switchedOver) {
    return `The migration of '${m.vmName}' has already ended (${m.status}); there is nothing to cancel.`;
  }
  return `The migration of '${m.vmName}' cannot be cancelled: the virtual machine has already switched over to ${m.destinationHost.name}.`;
}
