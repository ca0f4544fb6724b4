import { controlRefusal } from "@/lib/auth/roles";
import { ForbiddenError } from "@/lib/http/errors";
import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { readyMigrations } from "@/lib/migrations";
import { getMigrationDto } from "@/lib/migrations/store";
import { MigrationFaultInput } from "@/lib/schemas/migration";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (request, { id }, { principal }) => {
  const migrationId = parseId("Migration", id);
  const input = await parseBody(request, MigrationFaultInput);
  const refusal = controlRefusal(principal, await getMigrationDto(migrationId));
  if (refusal) throw new ForbiddenError(refusal);
  const { service } = await readyMigrations();
  return json(await service.fault(migrationId, input), 202);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
