import type { DirtyInput, FailureCode, OutcomeReason, PassRecord, StageName } from "./types";

export interface SuccessContext {
  passList: readonly PassRecord[];
  converged: boolean;
  maxPasses: number;
  stopBelowBytes: number;
  dirty: DirtyInput;
  downtimeMs: number;
  /** False for a quick migration (no pre-copy). Default true. */
  precopy?: boolean;
  memoryBytes: number;
}

/** Why the pre-copy stopped where it did. */
export function successReason(ctx: SuccessContext): OutcomeReason {
  const { downtimeMs } = ctx;
  if (ctx.precopy === false) return { kind: "quick", memoryBytes: ctx.memoryBytes, downtimeMs };
  const last = ctx.passList[ctx.passList.length - 1];
  const dirtyBytes = last?.dirtiedBytes ?? 0;
  const thresholdBytes = ctx.stopBelowBytes;
  if (ctx.converged) {
    return { kind: "converged", passes: ctx.passList.length, dirtyBytes, thresholdBytes, downtimeMs };
  }
  const linkBytesPerSecond = last?.throughputBytesPerSecond ?? 0;
  const hotSetBytes = ctx.dirty.model === "hotset" ? ctx.dirty.hotSetBytes : 0;
  const dirtyBytesPerSecond =
    ctx.dirty.model === "linear" ? ctx.dirty.bytesPerSecond : (last?.dirtyBytesPerSecond ?? 0);
  const cause =
    ctx.dirty.model === "hotset" && dirtyBytes >= 0.9 * hotSetBytes && hotSetBytes > thresholdBytes
      ? "hot-set"
      : dirtyBytesPerSecond >= linkBytesPerSecond
        ? "dirty-rate-above-link"
        : "dirty-rate-near-link";
  return {
    kind: "pass-cap",
    cause,
    maxPasses: ctx.maxPasses,
    dirtyBytes,
    thresholdBytes,
    downtimeMs,
    hotSetBytes,
    dirtyBytesPerSecond,
    linkBytesPerSecond,
  };
}

export function failureReason(
  code: FailureCode,
  stage: StageName,
  atMs: number,
  pass: number,
  memoryBytes: number,
  memoryMoved = true,
): OutcomeReason {
  return { kind: "failed", code, stage, atMs, pass, memoryBytes, memoryMoved };
}
