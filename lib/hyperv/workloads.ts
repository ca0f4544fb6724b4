// Workload profiles for the engine's hot-set dirty-memory model: a hot set (MiB) written at
// `writesPerSecond` 4 KiB pages per second, plus a slow cold drift (MiB/s).
export const WORKLOADS = {
  idle: { hotSetMiB: 64, writesPerSecond: 400, coldMiBPerSecond: 0.1 },
  web: { hotSetMiB: 512, writesPerSecond: 12_000, coldMiBPerSecond: 1 },
  sql: { hotSetMiB: 6 * 1024, writesPerSecond: 120_000, coldMiBPerSecond: 6 },
  analytics: { hotSetMiB: 40 * 1024, writesPerSecond: 700_000, coldMiBPerSecond: 40 },
} as const;
export type WorkloadName = keyof typeof WORKLOADS;
