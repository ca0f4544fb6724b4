"use client";
import { FolderTree, LayoutDashboard, ListTree, Monitor, Settings } from "lucide-react";
import { ToolLayout } from "@/components/shell/tool-layout";
import { ApiError } from "@/lib/client/api";
import { useHost } from "@/lib/client/use-hosts";
import { ErrorState } from "./ui/states";

export function ServerShell({ id, children }: { id: number; children: React.ReactNode }) {
  const host = useHost(id);
  if (host.error instanceof ApiError && host.error.status === 404) {
    return <ErrorState error={new Error(`Server ${id} is not in the inventory.`)} />;
  }
  const base = `/servers/${id}`;
  return (
    <ToolLayout
      title={host.data?.name ?? "Server"}
      subtitle="Server Manager"
      tools={[
        { href: base, label: "Overview", icon: LayoutDashboard },
        {
          href: `${base}/vms`,
          label: "Virtual machines",
          icon: Monitor,
          prefix: true,
          also: `${base}/migrations`,
        },
        { href: `${base}/events`, label: "Events", icon: ListTree },
        // A domain controller's connection has the Active Directory tool (computer accounts, delegation).
        ...(host.data?.roles.includes("Active Directory Domain Services")
          ? [{ href: `${base}/active-directory`, label: "Active Directory", icon: FolderTree }]
          : []),
        // Admin Center keeps Settings at the bottom of a server's tool list.
        { href: `${base}/settings`, label: "Settings", icon: Settings },
      ]}
    >
      {children}
    </ToolLayout>
  );
}
