import { ClusterSettings } from "@/components/cluster-settings";
import { routeIds } from "../../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <ClusterSettings id={id} />;
}
