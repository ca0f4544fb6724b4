import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { applyVmAction } from "@/lib/inventory/vms";
import { VmActionInput } from "@/lib/schemas/vm";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (request, { id }) => {
  const vmId = parseId("Virtual machine", id);
  const { action } = await parseBody(request, VmActionInput);
  return json(await applyVmAction(vmId, action));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
