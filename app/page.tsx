import { AllConnections } from "@/components/all-connections";

export default function Page() {
  return <AllConnections />;
}
