import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { readyMigrations } from "@/lib/migrations";
import { getMigrationDetail } from "@/lib/migrations/store";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async (_request, { id }) => {
  const migrationId = parseId("Migration", id);
  await readyMigrations();
  return json(await getMigrationDetail(migrationId));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
