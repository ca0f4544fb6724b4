import { json, otherMethods, parseBody, parseQuery, route } from "@/lib/http/respond";
import { createCluster, listClusters } from "@/lib/inventory/clusters";
import { ClusterListQuery, CreateClusterInput } from "@/lib/schemas/cluster";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => json(await listClusters(parseQuery(request, ClusterListQuery))));

export const POST = route(async (request) =>
  json(await createCluster(await parseBody(request, CreateClusterInput)), 201),
);

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
