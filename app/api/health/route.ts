import { json, otherMethods, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** A constant answer: the bench's baseline for the cost of Next's routing alone. */
export const GET = route(async () => json({ status: "ok" }));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
