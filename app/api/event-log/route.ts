import { json, otherMethods, parseQuery, route } from "@/lib/http/respond";
import { listEventLog } from "@/lib/inventory/event-log";
import { EventListQuery } from "@/lib/schemas/event-log";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => json(await listEventLog(parseQuery(request, EventListQuery))));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
