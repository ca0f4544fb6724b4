import { describe, expect, it } from "vitest";
import { missingSwitchText } from "./failure-texts";
import {
  blackoutSeconds,
  cancelTooLateText,
  LONG_BLACKOUT_MS,
  type MigrationFacts,
  migrationBlocked,
  migrationCancelled,
  migrationCompleted,
  migrationFaulted,
  migrationInitiated,
  migrationLimitReached,
} from "./migration-events";
import { CHANNEL } from "./vocabulary";

const live: MigrationFacts = {
  vmName: "VM1",
  kind: "live",
  sourceHostName: "HV1",
  destinationHostName: "HV2",
};
const quick: MigrationFacts = { ...live, kind: "quick" };

// The texts of docs/hyperv.md, character for character.
const HYPERV_20413 =
  'The Virtual Machine Management Service initiated the live migration of virtual machine "VM1" to destination host "HV2".';
const HYPERV_20415 =
  'The Virtual Machine Management service successfully completed the live migration of virtual machine "VM1" with a blackout time of 0.5 seconds.';
const HYPERV_20417_TAIL =
  'completed the live migration of virtual machine "VM1" with an unexpectedly long blackout time of 63.1 seconds.';
const HYPERV_21501 =
  'Failed to perform migration on virtual machine "VM1" because virtual machine migration limit "2" was reached, please wait for completion of an ongoing migration operation.';
const HYPERV_SWITCH =
  "Live migration of 'VM1' failed. VM failed to live migrate because a virtual switch used by the VM doesn't exist on the destination node \"HV2\".";

describe("migration events", () => {
  it("20413 initiated, to the destination host", () => {
    expect(migrationInitiated(live)).toEqual({
      eventId: 20413,
      level: "Information",
      channel: CHANNEL.vmms,
      message: HYPERV_20413,
    });
    expect(migrationInitiated(quick).message).toBe(
      'The Virtual Machine Management Service initiated the quick migration of virtual machine "VM1" to destination host "HV2".',
    );
    expect(migrationInitiated({ ...live, kind: "storage" }).message).toBe(
      'The Virtual Machine Management Service initiated the storage migration of virtual machine "VM1".',
    );
  });

  it("blackout seconds have one decimal", () => {
    expect(blackoutSeconds(500)).toBe("0.5 seconds");
    expect(blackoutSeconds(549)).toBe("0.5 seconds");
    expect(blackoutSeconds(63_140)).toBe("63.1 seconds");
  });

  it("20415 up to the threshold, 20417 (warning) above it", () => {
    expect(migrationCompleted(live, 500)).toEqual({
      eventId: 20415,
      level: "Information",
      channel: CHANNEL.vmms,
      message: HYPERV_20415,
    });
    expect(migrationCompleted(live, LONG_BLACKOUT_MS).eventId).toBe(20415);
    const long = migrationCompleted(live, 63_100);
    expect(long).toMatchObject({ eventId: 20417, level: "Warning" });
    expect(long.message).toBe(`The Virtual Machine Management service ${HYPERV_20417_TAIL}`);
    expect(migrationCompleted(live, LONG_BLACKOUT_MS + 1).eventId).toBe(20417);
  });

  it("a quick migration's long downtime is expected: 20415 with its own words", () => {
    expect(migrationCompleted(quick, 42_000)).toMatchObject({
      eventId: 20415,
      level: "Information",
      message:
        'The Virtual Machine Management service successfully completed the quick migration of virtual machine "VM1" with a blackout time of 42.0 seconds.',
    });
  });

  it("a storage move has no blackout: the lab's own line, not a 20415 of 0.0 seconds", () => {
    const storage = { ...live, kind: "storage" as const, destinationHostName: live.sourceHostName };
    const entry = migrationCompleted(storage, 0);
    expect(entry).toMatchObject({ eventId: 0, level: "Information", channel: CHANNEL.lab });
    expect(entry.message).toBe(
      `The storage migration of 'VM1' completed: the virtual machine now runs from its new files on host '${live.sourceHostName}' and was never paused.`,
    );
    expect(entry.message).not.toMatch(/blackout/);
  });

  it("21501 with the limit number, on the High-Availability channel", () => {
    expect(migrationLimitReached("VM1", 2)).toEqual({
      eventId: 21501,
      level: "Error",
      channel: CHANNEL.highAvailability,
      message: HYPERV_21501,
    });
  });

  it("21502 for the engine's faults: link down (0x8007274C) and destination out of memory (0x8007000E)", () => {
    expect(migrationFaulted(live, "link-down")).toEqual({
      eventId: 21502,
      level: "Error",
      channel: CHANNEL.highAvailability,
      message:
        "Live migration of 'VM1' failed. Failed to establish a connection with host \"HV2\": A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (0x8007274C)",
    });
    expect(migrationFaulted(quick, "destination-out-of-memory").message).toBe(
      "Quick migration of 'VM1' failed. Failed to create partition: Insufficient system resources exist to complete the requested service. (0x800705AA) 'VM1' could not initialize memory: Ran out of memory (0x8007000E).",
    );
  });

  it("21502 for a preflight error: the switch has Hyper-V's own sentence, others their message", () => {
    const sw = {
      level: "error",
      rule: "switch",
      source: "Legacy",
      message: missingSwitchText("Legacy"),
      messageId: 33012,
    } as const;
    expect(migrationBlocked(live, sw)).toMatchObject({
      eventId: 21502,
      channel: CHANNEL.highAvailability,
      message: HYPERV_SWITCH,
    });
    const cpu = {
      ...sw,
      rule: "cpu-features",
      message: "Virtual machine 'VM1' is using processor-specific features not supported on host 'HV2'.",
    };
    expect(migrationBlocked(live, cpu).message).toBe(
      "Live migration of 'VM1' failed. Virtual machine 'VM1' is using processor-specific features not supported on host 'HV2'.",
    );
  });

  it("a cancel before switchover is the lab's own entry (Hyper-V logs none); after it, the too-late text", () => {
    expect(migrationCancelled(live)).toEqual({
      eventId: 0,
      level: "Information",
      channel: CHANNEL.lab,
      message:
        "The live migration of 'VM1' was cancelled before switchover and rolled back; the virtual machine keeps running on host 'HV1'.",
    });
    expect(cancelTooLateText(live)).toBe(
      'The live migration of virtual machine "VM1" cannot be cancelled: it has already switched over to destination host "HV2" and will complete.',
    );
    expect(cancelTooLateText({ ...live, kind: "storage" })).toBe(
      'The storage migration of virtual machine "VM1" cannot be cancelled: it has already switched to its new storage and will complete.',
    );
  });
});
