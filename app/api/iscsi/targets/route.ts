import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { createTarget } from "@/lib/inventory/iscsi";
import { CreateTargetInput } from "@/lib/schemas/iscsi";

export const dynamic = "force-dynamic";

/** New-IscsiServerTarget with its allowed initiators, and the virtual disks it maps. */
export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, CreateTargetInput);
  caller.audit.target = input.name;
  return json(await createTarget(input), 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
