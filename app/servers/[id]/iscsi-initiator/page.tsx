import { IscsiInitiatorTool } from "@/components/iscsi-initiator-tool";
import { routeIds } from "../../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <IscsiInitiatorTool hostId={id} />;
}
