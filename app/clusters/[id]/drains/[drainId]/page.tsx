import { DrainPage } from "@/components/drain-page";
import { routeIds } from "../../../../route-id";

export const metadata = { title: "Node drain" };

/** A node drain or fail-back, opened from the cluster's Servers tool. */
export default async function Page({ params }: { params: Promise<{ id: string; drainId: string }> }) {
  const { id, drainId } = await routeIds(params);
  return <DrainPage clusterId={id} id={drainId} />;
}
