import { VirtualMachinesTool } from "@/components/virtual-machines-tool";
import { routeIds } from "../../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return <VirtualMachinesTool scope={{ hostId: id }} base={`/servers/${id}/vms`} />;
}
