import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { resetLab } from "@/lib/lab/reset";
import { ResetInput } from "@/lib/schemas/lab";

export const dynamic = "force-dynamic";

/** Restores a scenario in the running server; open pages are told and refetch. */
export const POST = route(async (request, _params, caller) => {
  const { scenario, clock } = await parseBody(request, ResetInput);
  caller.audit.target = scenario;
  return json(await resetLab(scenario, clock));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
