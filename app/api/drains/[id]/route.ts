import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { getDrain } from "@/lib/migrations/drain-store";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async (_request, { id }) =>
  json(await getDrain(parseId("Drain", id))),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
