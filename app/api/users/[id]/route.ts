import { deleteUser, updateUser } from "@/lib/auth/users";
import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { UpdateUserInput } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const PATCH = route<Params>(async (request, { id }, caller) => {
  const userId = parseId("User", id);
  const input = await parseBody(request, UpdateUserInput);
  caller.audit.target = `user ${userId} -> ${input.role}`;
  return json(await updateUser(userId, input));
});

/** Removes the user; their sessions end at once. */
export const DELETE = route<Params>(async (_request, { id }, caller) => {
  const userId = parseId("User", id);
  caller.audit.target = `user ${userId}`;
  await deleteUser(userId, caller.principal);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = otherMethods(["PATCH", "DELETE"]);
