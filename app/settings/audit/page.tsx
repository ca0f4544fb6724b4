import { AuditTool } from "@/components/settings/audit-tool";

export const metadata = { title: "Audit log" };

export default function Page() {
  return <AuditTool />;
}
