import { db } from "@/lib/db";
import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { planMigration } from "@/lib/migrations/plan";
import { CompareMigrationInput, type CompareResult } from "@/lib/schemas/migration";

export const dynamic = "force-dynamic";

/** What the Move pane asks at every step: kinds, destinations, the Compare-VM report, the prediction. */
export const POST = route(async (request) => {
  const {
    engineInput: _engineInput,
    sourceHostId: _s,
    destinationHostId: _d,
    ...result
  } = await planMigration(db, await parseBody(request, CompareMigrationInput));
  return json(result satisfies CompareResult);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
