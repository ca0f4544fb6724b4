import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { readyMigrations } from "@/lib/migrations";
import { MigrationFaultInput } from "@/lib/schemas/migration";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (request, { id }) => {
  const migrationId = parseId("Migration", id);
  const input = await parseBody(request, MigrationFaultInput);
  const { service } = await readyMigrations();
  return json(await service.fault(migrationId, input), 202);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
