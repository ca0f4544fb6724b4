import { otherMethods, parseId, route } from "@/lib/http/respond";
import { eventStream, lastEventIdOf } from "@/lib/http/sse";
import { readyMigrations } from "@/lib/migrations";
import { parseLastEventId, prepareMigrationStream } from "@/lib/migrations/streams";

export const dynamic = "force-dynamic";

// Every check (unknown id 404, bad Last-Event-ID 400) runs before the stream opens.
export const GET = route<{ id: string }>(async (request, { id }) => {
  const migrationId = parseId("Migration", id);
  const lastEventId = parseLastEventId(lastEventIdOf(request));
  const { bus } = await readyMigrations();
  return eventStream(request, await prepareMigrationStream(bus, migrationId, lastEventId));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
