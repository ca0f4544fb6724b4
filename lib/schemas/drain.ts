import { z } from "zod";
import { Paging } from "./common";
import { MAX_SPEED, MIN_SPEED } from "./values";

/**
 * POST /api/hosts/:id/suspend: Pause > "Drain roles" (drain: true, Suspend-ClusterNode -Drain,
 * optionally -TargetNode) or "Do not drain roles" (drain: false). `speed` is the moves' simulated
 * seconds per wall second, as for POST /api/migrations.
 */
export const SuspendNodeInput = z
  .strictObject({
    drain: z.boolean(),
    targetNodeId: z.number().int().positive().nullable().optional(),
    speed: z
      .number()
      .min(MIN_SPEED, `Speed is at least ${MIN_SPEED}x.`)
      .max(MAX_SPEED, `Speed is at most ${MAX_SPEED}x.`)
      .optional(),
  })
  .refine((v) => v.drain || v.targetNodeId == null, {
    path: ["targetNodeId"],
    message: "A target node goes with a drain: a pause that does not drain moves nothing.",
  });
export type SuspendNodeInput = z.infer<typeof SuspendNodeInput>;

/** POST /api/hosts/:id/resume: Resume > "Fail roles back" (true) or "Do not fail roles back" (false). */
export const ResumeNodeInput = z.strictObject({
  failback: z.boolean(),
  speed: z.number().min(MIN_SPEED).max(MAX_SPEED).optional(),
});
export type ResumeNodeInput = z.infer<typeof ResumeNodeInput>;

export const DrainListQuery = z.strictObject({
  ...Paging,
  hostId: z.coerce.number().int().positive().optional(),
  clusterId: z.coerce.number().int().positive().optional(),
});
export type DrainListQuery = z.infer<typeof DrainListQuery>;
