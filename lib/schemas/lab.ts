import { z } from "zod";
import { SCENARIO_NAMES } from "@/lib/lab/scenarios";

/** POST /api/lab/reset. */
export const ResetInput = z.strictObject({
  scenario: z.enum(SCENARIO_NAMES, { error: `Use one of: ${SCENARIO_NAMES.join(", ")}.` }).default("demo"),
  /** The lab clock afterwards: running (the default), or held (a screenshot deck, a stepped test). */
  clock: z.enum(["running", "paused"]).default("running"),
});
export type ResetInput = z.infer<typeof ResetInput>;

/** "2.5s", "500ms", "2m", "1h" (or a number of milliseconds) as milliseconds. */
export const Duration = z.union([
  z
    .number()
    .nonnegative()
    .max(7 * 24 * 3600 * 1000),
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(ms|s|m|h)$/, 'Use a duration such as "2.5s", "500ms", "2m" or "1h".')
    .transform((s) => {
      const [, value = "0", unit = "ms"] = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(s) ?? [];
      return Number(value) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as "ms" | "s" | "m" | "h"];
    })
    .refine((ms) => ms <= 7 * 24 * 3600 * 1000, "At most a week at a time."),
]);

export const ADVANCE_TARGETS = ["next-pass", "switchover", "end"] as const;

/** POST /api/lab/clock: hold the lab clock, step it, or let it run at a speed. */
export const ClockInput = z.union([
  z.strictObject({ mode: z.literal("paused") }),
  z.strictObject({
    mode: z.literal("running"),
    /** Lab seconds per wall second. */
    speed: z.number().positive().max(1000).default(1),
  }),
  z.strictObject({ advance: Duration }),
  z.strictObject({
    advanceTo: z.enum(ADVANCE_TARGETS),
    /** Only this move's pass, switchover or end (default: any move's; "end": every move's). */
    migrationId: z.number().int().positive().optional(),
  }),
]);
export type ClockInput = z.infer<typeof ClockInput>;

export interface ClockStateDto {
  mode: "running" | "paused";
  rate: number;
  nowMs: number;
  now: string;
  controlled: boolean;
  /** The server's wall clock when it answered, so a page can run the lab clock on from there. */
  wallMs: number;
}
