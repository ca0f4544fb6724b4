import { signedInResponse } from "@/lib/auth/sessions";
import { setPasswordWithLink } from "@/lib/auth/users";
import { otherMethods, parseBody, route } from "@/lib/http/respond";
import { SetPasswordInput } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

/** A user sets their password from the one-time link an administrator gave them, and is signed in. */
export const POST = route(async (request, _params, caller) => {
  const { token, password } = await parseBody(request, SetPasswordInput);
  return signedInResponse(await setPasswordWithLink(token, password, caller.address), caller);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
