import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { addClusterDisk } from "@/lib/inventory/cluster-storage";
import { AddClusterDiskInput } from "@/lib/schemas/cluster";

export const dynamic = "force-dynamic";

/** Add Disk: a disk every node reaches joins the cluster's Available Storage. */
export const POST = route<{ id: string }>(async (request, { id }) =>
  json(await addClusterDisk(parseId("Cluster", id), await parseBody(request, AddClusterDiskInput)), 201),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
