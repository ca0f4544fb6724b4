import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { addMapping } from "@/lib/inventory/iscsi";
import { AddMappingInput } from "@/lib/schemas/iscsi";

export const dynamic = "force-dynamic";

/** Add-IscsiVirtualDiskTargetMapping. */
export const POST = route<{ id: string }>(async (request, { id }) =>
  json(await addMapping(parseId("iSCSI target", id), await parseBody(request, AddMappingInput)), 201),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
