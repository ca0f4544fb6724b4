import type { DirtyInput } from "./types";

/**
 * Distinct bytes dirtied during an interval of `ms` milliseconds, capped at the VM's memory.
 * linear: min(D*T, W) (Akoush et al. 2010, Liu et al. 2011). hotset: H*(1 - exp(-w*T/H)) + cold*T.
 */
export function dirtiedBytes(dirty: DirtyInput, memoryBytes: number, pageBytes: number, ms: number): number {
  const seconds = ms / 1000;
  let bytes: number;
  if (dirty.model === "linear") {
    const workingSet = Math.min(dirty.workingSetBytes ?? memoryBytes, memoryBytes);
    bytes = Math.min(dirty.bytesPerSecond * seconds, workingSet);
  } else {
    const hotPages = dirty.hotSetBytes / pageBytes;
    const hot =
      hotPages > 0 ? dirty.hotSetBytes * (1 - Math.exp((-dirty.writesPerSecond * seconds) / hotPages)) : 0;
    bytes = hot + dirty.coldBytesPerSecond * seconds;
  }
  return Math.min(bytes, memoryBytes);
}

/** Long-run dirty rate an operator would quote: D for linear, the hot set's initial rate plus cold. */
export function nominalDirtyRate(dirty: DirtyInput, pageBytes: number): number {
  if (dirty.model === "linear") return dirty.bytesPerSecond;
  return dirty.writesPerSecond * pageBytes + dirty.coldBytesPerSecond;
}
