import { ServerOverview } from "@/components/server-overview";
import { routeIds } from "../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <ServerOverview id={id} />;
}
