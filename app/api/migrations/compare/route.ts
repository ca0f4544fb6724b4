import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { compareMigration } from "@/lib/migrations/plan";
import { CompareMigrationInput } from "@/lib/schemas/migration";

export const dynamic = "force-dynamic";

/** What the Move pane asks at every step: kinds, destinations, the Compare-VM report, the prediction. */
export const POST = route(async (request) =>
  json(await compareMigration(await parseBody(request, CompareMigrationInput))),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
