import { signedInResponse } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/users";
import { otherMethods, parseBody, route } from "@/lib/http/respond";
import { SignInInput } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, SignInInput);
  caller.audit.claimedName = input.name;
  return signedInResponse(await signIn(input.name, input.password, caller.address), caller);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
