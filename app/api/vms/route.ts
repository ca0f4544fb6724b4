import { json, otherMethods, parseBody, parseQuery, route } from "@/lib/http/respond";
import { createVm, listVms } from "@/lib/inventory/vms";
import { CreateVmInput, VmListQuery } from "@/lib/schemas/vm";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => json(await listVms(parseQuery(request, VmListQuery))));

export const POST = route(async (request) =>
  json(await createVm(await parseBody(request, CreateVmInput)), 201),
);

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
