import { otherMethods, route } from "@/lib/http/respond";
import { eventStream, lastEventIdOf } from "@/lib/http/sse";
import { readyMigrations } from "@/lib/migrations";
import { parseLastEventId, prepareNotificationStream } from "@/lib/migrations/streams";

export const dynamic = "force-dynamic";

/** Notifications for every migration (the top bar's bell). */
export const GET = route(async (request) => {
  const lastEventId = parseLastEventId(lastEventIdOf(request));
  const { notifier, clock } = await readyMigrations();
  return eventStream(request, prepareNotificationStream(notifier, lastEventId, clock));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
