import { AllVirtualMachines } from "@/components/all-virtual-machines";

export const metadata = { title: "All virtual machines" };

export default function Page() {
  return <AllVirtualMachines />;
}
