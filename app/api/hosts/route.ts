import { json, otherMethods, parseBody, parseQuery, route } from "@/lib/http/respond";
import { createHost, listHosts } from "@/lib/inventory/hosts";
import { CreateHostInput, HostListQuery } from "@/lib/schemas/host";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => json(await listHosts(parseQuery(request, HostListQuery))));

export const POST = route(async (request) =>
  json(await createHost(await parseBody(request, CreateHostInput)), 201),
);

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
