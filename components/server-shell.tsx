"use client";
import { Cable, FolderTree, HardDrive, LayoutDashboard, ListTree, Monitor, Settings } from "lucide-react";
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
  const roles = host.data?.roles ?? [];
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
        // Storage tools where the server has the role for them.
        ...(roles.includes("iSCSI Target Server")
          ? [{ href: `${base}/iscsi-target`, label: "iSCSI Target Server", icon: HardDrive }]
          : []),
        ...(roles.includes("Hyper-V")
          ? [{ href: `${base}/iscsi-initiator`, label: "iSCSI Initiator", icon: Cable }]
          : []),
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
