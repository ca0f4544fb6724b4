"use client";
import { Database, LayoutDashboard, Monitor, Server } from "lucide-react";
import { ToolLayout } from "@/components/shell/tool-layout";
import { ApiError } from "@/lib/client/api";
import { useCluster } from "@/lib/client/use-clusters";
import { ErrorState } from "./ui/states";

export function ClusterShell({ id, children }: { id: number; children: React.ReactNode }) {
  const cluster = useCluster(id);
  if (cluster.error instanceof ApiError && cluster.error.status === 404) {
    return <ErrorState error={new Error(`Cluster ${id} is not in the inventory.`)} />;
  }
  const base = `/clusters/${id}`;
  return (
    <ToolLayout
      title={cluster.data?.name ?? "Cluster"}
      subtitle="Cluster Manager"
      tools={[
        { href: base, label: "Dashboard", icon: LayoutDashboard },
        {
          href: `${base}/vms`,
          label: "Virtual machines",
          icon: Monitor,
          prefix: true,
          also: `${base}/migrations`,
        },
        { href: `${base}/servers`, label: "Servers", icon: Server },
        { href: `${base}/volumes`, label: "Volumes", icon: Database },
      ]}
    >
      {children}
    </ToolLayout>
  );
}
