import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { readyMigrations } from "@/lib/migrations";
import { ResumeNodeInput } from "@/lib/schemas/drain";

export const dynamic = "force-dynamic";

/** Resume-ClusterNode -Failback Immediate|NoFailback: 202 { nodeId, failbackId } while roles fail back, else 200. */
export const POST = route<{ id: string }>(async (request, { id }, { principal }) => {
  const nodeId = parseId("Host", id);
  const input = await parseBody(request, ResumeNodeInput);
  const { drains } = await readyMigrations();
  const result = await drains.resume(nodeId, input, principal.userId);
  return json(result, result.failbackId === null ? 200 : 202);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
