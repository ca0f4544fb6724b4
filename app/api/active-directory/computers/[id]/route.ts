import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { computerAccount, setDelegation } from "@/lib/inventory/active-directory";
import { SetDelegationInput } from "@/lib/schemas/active-directory";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = route<Params>(async (_request, { id }) =>
  json(await computerAccount(parseId("Computer account", id))),
);

export const PATCH = route<Params>(async (request, { id }) => {
  const hostId = parseId("Computer account", id);
  return json(await setDelegation(hostId, await parseBody(request, SetDelegationInput)));
});

export const { POST, PUT, DELETE } = otherMethods(["GET", "PATCH"]);
