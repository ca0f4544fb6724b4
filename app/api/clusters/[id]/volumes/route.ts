import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { addCsv } from "@/lib/inventory/cluster-storage";
import { AddCsvInput } from "@/lib/schemas/cluster";

export const dynamic = "force-dynamic";

/** Add to Cluster Shared Volumes: C:\ClusterStorage\VolumeN on every node. */
export const POST = route<{ id: string }>(async (request, { id }) =>
  json(await addCsv(parseId("Cluster", id), await parseBody(request, AddCsvInput)), 201),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
