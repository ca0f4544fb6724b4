import { ClusterVolumes } from "@/components/cluster-volumes";
import { routeIds } from "../../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <ClusterVolumes id={id} />;
}
