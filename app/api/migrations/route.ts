import { BadRequestError } from "@/lib/http/errors";
import { json, otherMethods, parseBody, parseQuery, route } from "@/lib/http/respond";
import { readyMigrations } from "@/lib/migrations";
import { listMigrations } from "@/lib/migrations/store";
import { MigrationListQuery, StartMigrationInput } from "@/lib/schemas/migration";

export const dynamic = "force-dynamic";

/** An Idempotency-Key makes a repeated submit return the same migration. */
function idempotencyKey(request: Request): string | undefined {
  const key = request.headers.get("idempotency-key");
  if (key === null) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new BadRequestError("Idempotency-Key must be 1-200 visible ASCII characters, such as a UUID.");
  }
  return key;
}

export const GET = route(async (request) =>
  json(await listMigrations(parseQuery(request, MigrationListQuery))),
);

export const POST = route(async (request, _params, { principal }) => {
  const key = idempotencyKey(request);
  const input = await parseBody(request, StartMigrationInput);
  const { service } = await readyMigrations();
  return json(await service.start(input, key, principal.userId), 202);
});

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
