import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { removeClusterDisk } from "@/lib/inventory/cluster-storage";

export const dynamic = "force-dynamic";

/** Removes a disk from the cluster (refused while it is a CSV or the witness). */
export const DELETE = route<{ id: string; diskId: string }>(async (_request, { id, diskId }) =>
  json(await removeClusterDisk(parseId("Cluster", id), parseId("Cluster disk", diskId))),
);

export const { GET, POST, PUT, PATCH } = otherMethods(["DELETE"]);
