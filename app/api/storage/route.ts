import { json, otherMethods, route } from "@/lib/http/respond";
import { getStorage } from "@/lib/inventory/storage";

export const dynamic = "force-dynamic";

export const GET = route(async () => json(await getStorage()));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
