import { SESSION_COOKIE, signedInResponse } from "@/lib/auth/sessions";
import { suiteSession } from "@/lib/auth/users";
import { otherMethods, parseBody, route } from "@/lib/http/respond";
import { SuiteSessionInput } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

/**
 * Control API (LAB_CONTROL_API=1): a user of the given role, made if needed, and a session for
 * it, as a cookie and in the body, so a test suite can sign in without a password.
 */
export const POST = route(async (request, _params, caller) => {
  const { name, role } = await parseBody(request, SuiteSessionInput);
  caller.audit.target = `${name} (${role})`;
  const session = await suiteSession(name, role, caller.address);
  return signedInResponse(
    session,
    { ...caller, audit: {} },
    {
      name: session.principal.name,
      role,
      cookie: { name: SESSION_COOKIE, value: session.token, expires: session.expiresAt.toISOString() },
    },
  );
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
