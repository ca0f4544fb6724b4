import { HostSettingsTool } from "@/components/host-settings-tool";
import { routeIds } from "../../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <HostSettingsTool id={id} />;
}
