import { signedInResponse } from "@/lib/auth/sessions";
import { signInWithLink } from "@/lib/auth/users";
import { otherMethods, parseBody, route } from "@/lib/http/respond";
import { LinkInput } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

/** The first administrator's one-time sign-in link, printed in the server's console. */
export const POST = route(async (request, _params, caller) => {
  const { token } = await parseBody(request, LinkInput);
  return signedInResponse(await signInWithLink(token, caller.address), caller);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
