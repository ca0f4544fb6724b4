import { formatBytes, formatRate, formatSeconds } from "./format";
import type { DirtyInput, FailureCode, PassRecord, StageName } from "./types";

export interface SuccessContext {
  passList: readonly PassRecord[];
  converged: boolean;
  maxPasses: number;
  stopBelowBytes: number;
  dirty: DirtyInput;
  downtimeMs: number;
  /** False for a quick migration (no pre-copy). Default true. */
  precopy?: boolean;
  memoryBytes?: number;
}

const STAGE_WORDS: Record<StageName, string> = {
  setup: "setup",
  "memory-transfer": "the memory transfer",
  "state-transfer": "the state transfer (blackout)",
  cleanup: "cleanup",
};

/** Why the pre-copy stopped where it did, in the words an operator would use. */
export function successReason(ctx: SuccessContext): string {
  const last = ctx.passList[ctx.passList.length - 1];
  const n = ctx.passList.length;
  const left = last?.dirtiedBytes ?? 0;
  if (ctx.precopy === false) {
    const memory =
      ctx.memoryBytes === undefined
        ? "all of its memory"
        : `all ${formatBytes(ctx.memoryBytes)} of its memory`;
    return `quick migration, no pre-copy: the VM was saved, ${memory} moved while it was paused for ${formatSeconds(ctx.downtimeMs)}, then restored on the destination`;
  }
  const paused = `the VM was paused for ${formatSeconds(ctx.downtimeMs)} to send the rest`;
  const threshold = formatBytes(ctx.stopBelowBytes);
  if (ctx.converged) {
    if (n <= 1) {
      return `the first full copy left only ${formatBytes(left)} dirty, at or below the ${threshold} threshold: ${paused}`;
    }
    return `the dirty set shrank to ${formatBytes(left)} after ${n} passes, at or below the ${threshold} threshold: ${paused}`;
  }
  const link = last?.throughputBytesPerSecond ?? 0;
  const cap = `stopped at the ${ctx.maxPasses}-pass cap with ${formatBytes(left)} still dirty, and ${paused}`;
  if (
    ctx.dirty.model === "hotset" &&
    left >= 0.9 * ctx.dirty.hotSetBytes &&
    ctx.dirty.hotSetBytes > ctx.stopBelowBytes
  ) {
    return `the VM keeps rewriting a ${formatBytes(ctx.dirty.hotSetBytes)} hot set, larger than the ${threshold} threshold, faster than the ${formatRate(link)} link can send it: ${cap}`;
  }
  const rate = ctx.dirty.model === "linear" ? ctx.dirty.bytesPerSecond : (last?.dirtyBytesPerSecond ?? 0);
  if (rate >= link) {
    return `the VM dirties memory at ${formatRate(rate)}, faster than the ${formatRate(link)} link: the dirty set never shrank below the threshold; ${cap}`;
  }
  return `the VM dirties memory at ${formatRate(rate)}, close to the ${formatRate(link)} link, so each pass shrank the dirty set only a little: ${cap}`;
}

export function failureReason(
  code: FailureCode,
  stage: StageName,
  atMs: number,
  pass: number,
  memoryBytes: number,
): string {
  const during =
    stage === "memory-transfer" && pass > 0 ? `pass ${pass} of the memory transfer` : STAGE_WORDS[stage];
  const kept = "the temporary VM was removed from the destination and the VM keeps running on the source";
  switch (code) {
    case "link-down":
      return `the live-migration network went down at ${formatSeconds(atMs)} during ${during} (0x8007274C, the connection timed out): ${kept}`;
    case "destination-out-of-memory":
      return `the destination could not reserve ${formatBytes(memoryBytes)} for the VM during setup (Ran out of memory, 0x8007000E): ${kept}`;
    case "cancelled":
      return `cancelled by the operator during ${during}: ${kept}`;
  }
}
