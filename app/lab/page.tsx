import { GuidedLab } from "@/components/lab/guided-lab";

export const metadata = { title: "Guided lab" };

export default function Page() {
  return <GuidedLab />;
}
