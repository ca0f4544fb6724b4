import { json, route } from "@/lib/http/respond";
import { getStorage } from "@/lib/inventory/storage";

export const dynamic = "force-dynamic";

export const GET = route(async () => json(await getStorage()));
