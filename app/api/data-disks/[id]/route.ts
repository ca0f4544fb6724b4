import { json, otherMethods, parseBody, parseId, route } from "@/lib/http/respond";
import { updateDataDisk } from "@/lib/inventory/iscsi";
import { UpdateDataDiskInput } from "@/lib/schemas/iscsi";

export const dynamic = "force-dynamic";

/** Set-Disk -IsOffline (refused while the disk holds iSCSI virtual disks). */
export const PATCH = route<{ id: string }>(async (request, { id }) =>
  json(await updateDataDisk(parseId("Data disk", id), await parseBody(request, UpdateDataDiskInput))),
);

export const { GET, POST, PUT, DELETE } = otherMethods(["PATCH"]);
