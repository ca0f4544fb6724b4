import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { clusterValidation } from "@/lib/inventory/cluster-create";
import { ValidateClusterInput } from "@/lib/schemas/cluster";

export const dynamic = "force-dynamic";

/** Test-Cluster on the servers chosen as nodes: the report, computed from the estate. */
export const POST = route(async (request) =>
  json(await clusterValidation(await parseBody(request, ValidateClusterInput))),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
