import { controlRefusal } from "@/lib/auth/roles";
import { ForbiddenError } from "@/lib/http/errors";
import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { readyMigrations } from "@/lib/migrations";
import { getMigrationDto } from "@/lib/migrations/store";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_request, { id }, { principal }) => {
  const migrationId = parseId("Migration", id);
  const refusal = controlRefusal(principal, await getMigrationDto(migrationId));
  if (refusal) throw new ForbiddenError(refusal);
  const { service } = await readyMigrations();
  return json(await service.cancel(migrationId));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
