import { json, otherMethods, route } from "@/lib/http/respond";
import type { SessionInfo } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

/** Who this browser is, and whether the gateway asks it to sign in. */
export const GET = route(async (_request, _params, { principal, signedIn, signInRequired }) => {
  const body: SessionInfo = {
    signInRequired,
    userId: signedIn ? principal.userId : null,
    user: signedIn ? { name: principal.name, role: principal.role, local: principal.kind === "local" } : null,
  };
  return json(body);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
