import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { deleteTarget, updateTarget } from "@/lib/inventory/iscsi";
import { UpdateTargetInput } from "@/lib/schemas/iscsi";

export const dynamic = "force-dynamic";

/** Set-IscsiServerTarget -InitiatorIds (refused when it would drop a connected node). */
export const PATCH = route<{ id: string }>(async (request, { id }) =>
  json(await updateTarget(parseId("iSCSI target", id), await parseBody(request, UpdateTargetInput))),
);

/** Remove-IscsiServerTarget (refused while a node is connected). */
export const DELETE = route<{ id: string }>(async (_request, { id }) =>
  json(await deleteTarget(parseId("iSCSI target", id))),
);

export const { GET, POST, PUT } = otherMethods(["PATCH", "DELETE"]);
