import { signedInResponse } from "@/lib/auth/sessions";
import { newPasswordLink, signInWithLink } from "@/lib/auth/users";
import { otherMethods, parseBody, route } from "@/lib/http/respond";
import { LinkInput } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

/**
 * The first administrator's one-time sign-in link, printed in the server's console. The answer
 * carries the link to set a password with, so that the next sign-in needs no console.
 */
export const POST = route(async (request, _params, caller) => {
  const { token } = await parseBody(request, LinkInput);
  const session = await signInWithLink(token, caller.address);
  const { link } = await newPasswordLink(session.principal.userId ?? 0);
  return signedInResponse(session, caller, { next: link });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
