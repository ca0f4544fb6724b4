import { Loading } from "@/components/ui/states";

export default function Page() {
  return <Loading label="Loading migration" />;
}
