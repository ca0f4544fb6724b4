/** The live-migration engine: pure, deterministic, no imports from the rest of the project. */
export { dirtiedBytes, nominalDirtyRate } from "./dirty";
export { hashSeed, mulberry32 } from "./prng";
export {
  type ClosedFormCopyInput,
  type ClosedFormInput,
  type ClosedFormResult,
  closedForm,
  closedFormCopy,
  drain,
  type ManyResult,
  migrationId,
  predict,
  type RunResult,
  simulate,
  simulateMany,
} from "./run";
export { type FlowDemand, maxMinAllocate, maxMinShares } from "./share";
export { Simulation } from "./simulation";
export * from "./transport";
export type * from "./types";
export { checkInput, DEFAULT_POLICY, EngineInputError } from "./validate";
