import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { getCluster } from "@/lib/inventory/clusters";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async (_request, { id }) =>
  json(await getCluster(parseId("Cluster", id))),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
