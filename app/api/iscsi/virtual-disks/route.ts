import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { createVirtualDisk } from "@/lib/inventory/iscsi";
import { CreateVirtualDiskInput } from "@/lib/schemas/iscsi";

export const dynamic = "force-dynamic";

/** New-IscsiVirtualDisk on a data disk of an iSCSI target server. */
export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, CreateVirtualDiskInput);
  caller.audit.target = input.path;
  return json(await createVirtualDisk(input), 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
