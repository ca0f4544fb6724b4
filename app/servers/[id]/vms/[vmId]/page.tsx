import { VmDetails } from "@/components/vm-details";
import { routeIds } from "../../../../route-id";

export default async function Page({ params }: { params: Promise<{ id: string; vmId: string }> }) {
  const { id, vmId } = await routeIds(params);
  return <VmDetails id={vmId} back={`/servers/${id}/vms`} />;
}
