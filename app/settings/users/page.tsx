import { UsersTool } from "@/components/settings/users-tool";

export const metadata = { title: "Users" };

export default function Page() {
  return <UsersTool />;
}
