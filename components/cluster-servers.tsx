"use client";
import Link from "next/link";
import { ToolHeader } from "@/components/shell/tool-layout";
import { type Column, DataGrid } from "@/components/ui/data-grid";
import { ErrorState, Loading } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { useHosts } from "@/lib/client/use-hosts";
import type { HostSummary } from "@/lib/inventory/hosts";
import { formatMiB } from "@/lib/present/format";

export function ClusterServers({ id }: { id: number }) {
  const { data, error, isPending, refetch } = useHosts({ clusterId: id });
  const columns: Column<HostSummary>[] = [
    {
      key: "name",
      header: "Name",
      sortValue: (h) => h.name,
      render: (h) => (
        <Link href={`/servers/${h.id}`} className="text-accent hover:underline">
          {h.name}
        </Link>
      ),
    },
    { key: "state", header: "Status", sortValue: (h) => h.state, render: (h) => <Status value={h.state} /> },
    { key: "os", header: "Operating system", sortValue: (h) => h.osVersion, render: (h) => h.osVersion },
    {
      key: "cpu",
      header: "CPU usage",
      align: "right",
      sortValue: (h) => h.cpuUsagePercent,
      render: (h) => `${Math.round(h.cpuUsagePercent)}%`,
    },
    {
      key: "memory",
      header: "Memory in use",
      align: "right",
      sortValue: (h) => h.memory.usedMiB,
      render: (h) => `${formatMiB(h.memory.usedMiB)} of ${formatMiB(h.memory.totalMiB)}`,
    },
    {
      key: "vms",
      header: "VMs",
      align: "right",
      sortValue: (h) => h.vmCounts.total,
      render: (h) => h.vmCounts.total,
    },
  ];
  return (
    <div className="pb-8">
      <ToolHeader title="Servers" />
      <div className="px-6">
        {error ? <ErrorState error={error} retry={() => void refetch()} /> : null}
        {isPending ? (
          <Loading label="Loading servers" />
        ) : (
          <DataGrid
            label="Servers"
            columns={columns}
            rows={data?.items ?? []}
            rowId={(h) => h.id}
            rowName={(h) => h.name}
          />
        )}
      </div>
    </div>
  );
}
