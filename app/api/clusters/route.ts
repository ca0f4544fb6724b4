import { json, otherMethods, parseBody, parseQuery, route } from "@/lib/http/respond";
import { createValidatedCluster } from "@/lib/inventory/cluster-create";
import { listClusters } from "@/lib/inventory/clusters";
import { ClusterListQuery, CreateClusterInput } from "@/lib/schemas/cluster";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => json(await listClusters(parseQuery(request, ClusterListQuery))));

/** New-Cluster, after Test-Cluster passes on the same nodes (no path creates a cluster unvalidated). */
export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, CreateClusterInput);
  caller.audit.target = input.name;
  return json(await createValidatedCluster(input), 201);
});

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
