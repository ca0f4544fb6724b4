import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { readyMigrations } from "@/lib/migrations";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_request, { id }) => {
  const migrationId = parseId("Migration", id);
  const { service } = await readyMigrations();
  return json(await service.cancel(migrationId));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
