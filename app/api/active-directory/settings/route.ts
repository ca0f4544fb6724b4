import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { setActiveDirectorySettings } from "@/lib/inventory/active-directory";
import { ActiveDirectorySettingsInput } from "@/lib/schemas/active-directory";

export const dynamic = "force-dynamic";

export const PATCH = route(async (request) =>
  json(await setActiveDirectorySettings(await parseBody(request, ActiveDirectorySettingsInput))),
);

export const { GET, POST, PUT, DELETE } = otherMethods(["PATCH"]);
