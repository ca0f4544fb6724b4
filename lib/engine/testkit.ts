/** Inputs shared by the engine's tests and benchmark. */
import type { MigrationInput, MigrationPolicy } from "./types";

export const MiB = 2 ** 20;
export const GiB = 2 ** 30;
/** Line rates in bytes per second. */
export const GBE_1 = 125e6;
export const GBE_10 = 1.25e9;

/** No setup, switchover, cleanup or device state: the closed form's assumptions. */
export const BARE_POLICY: MigrationPolicy = {
  maxPasses: 10,
  stopBelowBytes: 40_265_318,
  setupMs: 0,
  switchoverMs: 0,
  cleanupMs: 0,
  deviceStateBytes: 0,
};

/** The worked example of docs/architecture.md: 4 GiB, 32 MiB/s dirty, 128 MiB/s raw link (lambda = 1/4). */
export function rawLinear(
  memoryBytes: number,
  bytesPerSecond: number,
  dirtyBytesPerSecond: number,
  policy: Partial<MigrationPolicy> = {},
): MigrationInput {
  return {
    memoryBytes,
    pageBytes: 4096,
    dirty: { model: "linear", bytesPerSecond: dirtyBytesPerSecond },
    link: { bytesPerSecond },
    transport: "raw",
    policy: { ...BARE_POLICY, ...policy },
    noise: 0,
    seed: 1,
  };
}
