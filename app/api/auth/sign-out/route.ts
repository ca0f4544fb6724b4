import { cookieValue } from "@/lib/auth/gate";
import { clearedSessionCookie, endSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { json, otherMethods, route } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Ends this browser's session: the token stops working at once, and the cookie is removed. */
export const POST = route(async (request, _params, { secure }) => {
  const token = cookieValue(request, SESSION_COOKIE);
  if (token) await endSession(token);
  return json({ ok: true }, { headers: { "Set-Cookie": clearedSessionCookie(secure) } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
