import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { removeCsv } from "@/lib/inventory/cluster-storage";

export const dynamic = "force-dynamic";

/** Remove from Cluster Shared Volumes (refused while a VM keeps a disk on it). */
export const DELETE = route<{ id: string }>(async (_request, { id }) =>
  json(await removeCsv(parseId("Cluster Shared Volume", id))),
);

export const { GET, POST, PUT, PATCH } = otherMethods(["DELETE"]);
