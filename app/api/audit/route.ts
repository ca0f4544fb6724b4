import { listAudit } from "@/lib/auth/audit";
import { json, otherMethods, parseQuery, route } from "@/lib/http/respond";
import { AuditQuery } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => json(await listAudit(parseQuery(request, AuditQuery))));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
