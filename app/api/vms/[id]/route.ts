import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { deleteVm, getVm, updateVm } from "@/lib/inventory/vms";
import { UpdateVmInput } from "@/lib/schemas/vm";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = route<Params>(async (_request, { id }) =>
  json(await getVm(parseId("Virtual machine", id))),
);

export const PATCH = route<Params>(async (request, { id }) => {
  const vmId = parseId("Virtual machine", id);
  return json(await updateVm(vmId, await parseBody(request, UpdateVmInput)));
});

export const DELETE = route<Params>(async (_request, { id }) => {
  await deleteVm(parseId("Virtual machine", id));
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
