import { json, otherMethods, parseId, route } from "@/lib/http/respond";
import { getTargetServer } from "@/lib/inventory/iscsi";

export const dynamic = "force-dynamic";

/** A server's iSCSI Target Server tool: data disks with free space, virtual disks, targets. */
export const GET = route<{ id: string }>(async (_request, { id }) =>
  json(await getTargetServer(parseId("Host", id))),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
