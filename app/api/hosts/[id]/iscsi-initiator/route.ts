import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { getInitiator, initiatorAction } from "@/lib/inventory/iscsi-initiator";
import { InitiatorActionInput } from "@/lib/schemas/iscsi";

export const dynamic = "force-dynamic";

/** A server's iSCSI Initiator: portals, targets, sessions and disks. */
export const GET = route<{ id: string }>(async (_request, { id }) =>
  json(await getInitiator(parseId("Host", id))),
);

/** Discover a portal, connect or disconnect a target, bring a disk online. */
export const POST = route<{ id: string }>(async (request, { id }, caller) => {
  const input = await parseBody(request, InitiatorActionInput);
  caller.audit.target = input.action;
  return json(await initiatorAction(parseId("Host", id), input));
});

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
