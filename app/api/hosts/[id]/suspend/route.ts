import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { readyMigrations } from "@/lib/migrations";
import { SuspendNodeInput } from "@/lib/schemas/drain";

export const dynamic = "force-dynamic";

/** Suspend-ClusterNode [-Drain [-TargetNode]]: 202 { nodeId, drainId } while a drain runs, else 200. */
export const POST = route<{ id: string }>(async (request, { id }, { principal }) => {
  const nodeId = parseId("Host", id);
  const input = await parseBody(request, SuspendNodeInput);
  const { drains } = await readyMigrations();
  const result = await drains.suspend(nodeId, input, principal.userId);
  return json(result, result.drainId === null ? 200 : 202);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
