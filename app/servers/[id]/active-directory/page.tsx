import { ActiveDirectoryTool } from "@/components/active-directory-tool";

export default function Page() {
  return <ActiveDirectoryTool />;
}
