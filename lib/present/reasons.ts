// The engine's structured reasons in an operator's words, as whole sentences.
import type { FaultEffect, OutcomeReason, StageName } from "@/lib/engine/types";
import { formatBytes, formatLinkRate, formatRate, formatSeconds } from "./format";

const STAGE_WORDS: Record<StageName, string> = {
  setup: "setup",
  "storage-copy": "the storage copy",
  "memory-transfer": "the memory transfer",
  "state-transfer": "the state transfer (blackout)",
  cleanup: "cleanup",
};

const KEPT = "The temporary VM was removed from the destination and the VM keeps running on the source.";
/** A storage move creates no VM anywhere: it rolls back by deleting the copies it made. */
const KEPT_FILES = "The partial copies were deleted and the VM keeps running from its original files.";

/**
 * Why a move ended where it did, in the past tense. A prediction (a move that has not ended, or the
 * Move pane's Review) is told in the future tense instead, with `{ predicted: true }`: the page must
 * never say "the VM was paused" while its Blackout tile still says "Not yet".
 */
export function reasonText(
  reason: OutcomeReason,
  { predicted = false }: { predicted?: boolean } = {},
): string {
  const t = <T extends string>(past: T, future: T): T => (predicted ? future : past);
  switch (reason.kind) {
    case "storage": {
      const mirrored =
        reason.mirroredBytes > 0
          ? `, and ${formatBytes(reason.mirroredBytes)} of the guest's writes ${t("were", "will be")} mirrored to both copies meanwhile`
          : "";
      return predicted
        ? `Storage migration: ${formatBytes(reason.bytes)} of virtual disk will be copied in about ${formatSeconds(reason.durationMs)} while the VM keeps running${mirrored}; then the VM switches to the new files. It is never paused.`
        : `Storage migration: ${formatBytes(reason.bytes)} of virtual disk was copied in ${formatSeconds(reason.durationMs)} while the VM kept running${mirrored}; then the VM switched to the new files. It was never paused.`;
    }
    case "quick":
      return predicted
        ? `Quick migration, no pre-copy: the VM will be saved, all ${formatBytes(reason.memoryBytes)} of its memory moved while it is paused for about ${formatSeconds(reason.downtimeMs)}, then restored on the destination.`
        : `Quick migration, no pre-copy: the VM was saved, all ${formatBytes(reason.memoryBytes)} of its memory moved while it was paused for ${formatSeconds(reason.downtimeMs)}, then restored on the destination.`;
    case "converged": {
      const left = formatBytes(reason.dirtyBytes);
      const threshold = formatBytes(reason.thresholdBytes);
      const paused = predicted
        ? `the VM will be paused for about ${formatSeconds(reason.downtimeMs)} to send the rest.`
        : `the VM was paused for ${formatSeconds(reason.downtimeMs)} to send the rest.`;
      if (predicted)
        return reason.passes <= 1
          ? `The first full copy should leave only ${left} dirty, at or below the ${threshold} threshold: ${paused}`
          : `The dirty set should shrink to ${left} after ${reason.passes} passes, at or below the ${threshold} threshold: ${paused}`;
      return reason.passes <= 1
        ? `The first full copy left only ${left} dirty, at or below the ${threshold} threshold: ${paused}`
        : `The dirty set shrank to ${left} after ${reason.passes} passes, at or below the ${threshold} threshold: ${paused}`;
    }
    case "pass-cap": {
      const link = formatRate(reason.linkBytesPerSecond);
      const rate = formatRate(reason.dirtyBytesPerSecond);
      const cap = predicted
        ? `it should stop at the ${reason.maxPasses}-pass cap with ${formatBytes(reason.dirtyBytes)} still dirty, and the VM will be paused for about ${formatSeconds(reason.downtimeMs)} to send the rest.`
        : `stopped at the ${reason.maxPasses}-pass cap with ${formatBytes(reason.dirtyBytes)} still dirty, and the VM was paused for ${formatSeconds(reason.downtimeMs)} to send the rest.`;
      switch (reason.cause) {
        case "hot-set":
          return `The VM keeps rewriting a ${formatBytes(reason.hotSetBytes)} hot set, larger than the ${formatBytes(reason.thresholdBytes)} threshold, faster than the ${link} link can send it: ${cap}`;
        case "dirty-rate-above-link":
          return `The VM dirties memory at ${rate}, faster than the ${link} link: the dirty set ${t("never shrank", "will not shrink")} below the threshold; ${cap}`;
        case "dirty-rate-near-link":
          return `The VM dirties memory at ${rate}, close to the ${link} link, so each pass ${t("shrank", "should shrink")} the dirty set only a little: ${cap}`;
      }
      break;
    }
    case "failed": {
      const kept = reason.memoryMoved === false ? KEPT_FILES : KEPT;
      const during =
        reason.stage === "memory-transfer" && reason.pass > 0
          ? `pass ${reason.pass} of the memory transfer`
          : STAGE_WORDS[reason.stage];
      switch (reason.code) {
        case "link-down":
          return `The live-migration connection timed out at ${formatSeconds(reason.atMs)} during ${during} (0x8007274C): the network went down and TCP's retransmissions got no answer. ${kept}`;
        case "destination-out-of-memory":
          return `The destination could not reserve ${formatBytes(reason.memoryBytes)} for the VM during setup (Ran out of memory, 0x8007000E). ${kept}`;
        case "cancelled":
          return `Cancelled by the operator during ${during}. ${kept}`;
      }
    }
  }
}

/** What an injected fault did to the move. */
export function faultEffectText(effect: FaultEffect): string {
  switch (effect.kind) {
    case "setup-will-fail":
      return "The destination is short of memory: setup will fail when it reserves the VM's memory.";
    case "memory-already-reserved":
      return "No effect: the VM's memory was already reserved on the destination.";
    case "memory-not-moved":
      return "No effect: a storage migration leaves the VM's memory where it is.";
    case "link-slowed":
      // In bits, as the operator asked it (Mbit/s) and as the Link share card gives the link.
      return `The live-migration network slowed to ${formatLinkRate(effect.bytesPerSecond)}.`;
    case "rolls-back":
      return `The live-migration network is down: nothing gets through, and the migration rolls back when TCP gives up retransmitting, ${formatSeconds(effect.afterMs)} later (0x8007274C).`;
    case "already-switched-over":
      return "No effect: the VM already runs on the destination.";
  }
}
