import { VmDetails } from "@/components/vm-details";
import { routeIds } from "../../route-id";

export default async function Page({ params }: { params: Promise<{ vmId: string }> }) {
  const { vmId } = await routeIds(params);
  return (
    <main className="h-full overflow-y-auto bg-page">
      <VmDetails id={vmId} back="/vms" />
    </main>
  );
}
