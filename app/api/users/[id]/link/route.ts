import { newPasswordLink } from "@/lib/auth/users";
import { json, otherMethods, parseId, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** A fresh one-time link for the user to set their password (older unused ones stop working). */
export const POST = route<{ id: string }>(async (_request, { id }, caller) => {
  const userId = parseId("User", id);
  caller.audit.target = `user ${userId}`;
  return json(await newPasswordLink(userId));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
