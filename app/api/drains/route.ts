import { json, otherMethods, parseQuery, route } from "@/lib/http/respond";
import { listDrains } from "@/lib/migrations/drain-store";
import { DrainListQuery } from "@/lib/schemas/drain";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => json(await listDrains(parseQuery(request, DrainListQuery))));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
