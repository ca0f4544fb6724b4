import { createUser, listUsers } from "@/lib/auth/users";
import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { CreateUserInput } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ items: await listUsers() }));

/** 201 with the user and the one-time link they set their password from. */
export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, CreateUserInput);
  caller.audit.target = `${input.name} (${input.role})`;
  return json(await createUser(input, caller.principal.name), 201);
});

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
