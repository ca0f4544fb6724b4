import { ClusterServers } from "@/components/cluster-servers";
import { routeIds } from "../../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <ClusterServers id={id} />;
}
