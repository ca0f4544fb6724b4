import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { purgeTickets } from "@/lib/inventory/active-directory";

export const dynamic = "force-dynamic";

// klist purge -li 0x3e7 on the host: its next Kerberos ticket carries its computer account as it is now.
export const POST = route<{ id: string }>(async (_request, { id }) =>
  json(await purgeTickets(parseId("Host", id))),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
