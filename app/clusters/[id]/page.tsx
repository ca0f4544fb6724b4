import { ClusterDashboard } from "@/components/cluster-dashboard";
import { routeIds } from "../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <ClusterDashboard id={id} />;
}
