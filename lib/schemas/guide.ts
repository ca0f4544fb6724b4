import { z } from "zod";
import { LAB_ACTIONS, LESSON_IDS } from "@/lib/lab/lessons";

/** POST /api/lab/guide: start a lesson, or start it over. */
export const StartLessonInput = z.strictObject({
  lesson: z.enum(LESSON_IDS, { error: `Use one of: ${LESSON_IDS.join(", ")}.` }),
});
export type StartLessonInput = z.infer<typeof StartLessonInput>;

/** POST /api/lab/guide/answers: an answer to one of the quick review's questions. */
export const LabAnswerInput = z.strictObject({
  question: z.string().trim().min(1).max(40),
  choice: z.string().trim().min(1).max(40),
});
export type LabAnswerInput = z.infer<typeof LabAnswerInput>;

/** POST /api/lab/guide/actions: the lab's own change to the estate, for what no form makes. */
export const LabActionInput = z.strictObject({
  action: z.enum(LAB_ACTIONS, { error: `Use one of: ${LAB_ACTIONS.join(", ")}.` }),
});
export type LabActionInput = z.infer<typeof LabActionInput>;
