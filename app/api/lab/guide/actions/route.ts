import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { labAction } from "@/lib/lab/guide";
import { LabActionInput } from "@/lib/schemas/guide";

export const dynamic = "force-dynamic";

/** A lesson's own change to the estate (new hardware), which no form makes. */
export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, LabActionInput);
  caller.audit.target = input.action;
  return json(await labAction(input));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
