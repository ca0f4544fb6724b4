import { IscsiTargetTool } from "@/components/iscsi-target-tool";
import { routeIds } from "../../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <IscsiTargetTool hostId={id} />;
}
