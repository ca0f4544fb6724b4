import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { deleteHost, getHost, updateHost } from "@/lib/inventory/hosts";
import { UpdateHostInput } from "@/lib/schemas/host";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = route<Params>(async (_request, { id }) => json(await getHost(parseId("Host", id))));

export const PATCH = route<Params>(async (request, { id }) => {
  const hostId = parseId("Host", id);
  return json(await updateHost(hostId, await parseBody(request, UpdateHostInput)));
});

export const DELETE = route<Params>(async (_request, { id }) => {
  await deleteHost(parseId("Host", id));
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
