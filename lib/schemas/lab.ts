import { z } from "zod";
import { SCENARIO_NAMES } from "@/lib/lab/scenarios";

/** POST /api/lab/reset. */
export const ResetInput = z.strictObject({
  scenario: z.enum(SCENARIO_NAMES, { error: `Use one of: ${SCENARIO_NAMES.join(", ")}.` }).default("demo"),
});
export type ResetInput = z.infer<typeof ResetInput>;
