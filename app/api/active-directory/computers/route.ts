import { json, otherMethods, route } from "@/lib/http/respond";
import { listComputerAccounts } from "@/lib/inventory/active-directory";

export const dynamic = "force-dynamic";

export const GET = route(async () => json(await listComputerAccounts()));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
