import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { getCluster, updateCluster } from "@/lib/inventory/clusters";
import { readyMigrations } from "@/lib/migrations";
import { UpdateClusterInput } from "@/lib/schemas/cluster";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = route<Params>(async (_request, { id }) => json(await getCluster(parseId("Cluster", id))));

export const PATCH = route<Params>(async (request, { id }) => {
  const clusterId = parseId("Cluster", id);
  const cluster = await updateCluster(clusterId, await parseBody(request, UpdateClusterInput));
  // A raised MaximumParallelMigrations lets queued moves start now.
  await (await readyMigrations()).service.pump();
  return json(cluster);
});

export const { POST, PUT, DELETE } = otherMethods(["GET", "PATCH"]);
