import { json, otherMethods, parseQuery, route } from "@/lib/http/respond";
import { vmSummary } from "@/lib/inventory/vms";
import { VmSummaryQuery } from "@/lib/schemas/vm";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => json(await vmSummary(parseQuery(request, VmSummaryQuery))));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
