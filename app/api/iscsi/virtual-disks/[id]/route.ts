import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { deleteVirtualDisk } from "@/lib/inventory/iscsi";

export const dynamic = "force-dynamic";

/** Remove-IscsiVirtualDisk (refused while a cluster or a connected node depends on it). */
export const DELETE = route<{ id: string }>(async (_request, { id }) =>
  json(await deleteVirtualDisk(parseId("iSCSI virtual disk", id))),
);

export const { GET, POST, PUT, PATCH } = otherMethods(["DELETE"]);
