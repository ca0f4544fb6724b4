import { json, otherMethods, route } from "@/lib/http/respond";
import { SCENARIOS } from "@/lib/lab/scenarios";

export const dynamic = "force-dynamic";

/** The named estates POST /api/lab/reset can restore. */
export const GET = route(async () =>
  json({
    items: SCENARIOS.map(({ name, title, description, moves }) => ({
      name,
      title,
      description,
      moves: moves ?? [],
    })),
  }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
