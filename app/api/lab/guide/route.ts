import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { getGuide, startLesson } from "@/lib/lab/guide";
import { StartLessonInput } from "@/lib/schemas/guide";

export const dynamic = "force-dynamic";

/** The guided lab: the current run, its steps checked against the estate, its quick review. */
export const GET = route(async () => json(await getGuide()));

/** Starts a lesson (or starts it over): the estate becomes the lesson's scenario. */
export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, StartLessonInput);
  caller.audit.target = input.lesson;
  return json(await startLesson(input));
});

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
