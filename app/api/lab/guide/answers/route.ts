import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { answerQuestion } from "@/lib/lab/guide";
import { LabAnswerInput } from "@/lib/schemas/guide";

export const dynamic = "force-dynamic";

/** Answers a quick-review question of the current run (the first answer counts). */
export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, LabAnswerInput);
  caller.audit.target = input.question;
  return json(await answerQuestion(input));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
