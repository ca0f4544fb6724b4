"use client";
import { RefreshCw } from "lucide-react";
import Link from "next/link";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Card, Meter, Property } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { useHost } from "@/lib/client/use-hosts";
import { useNow } from "@/lib/client/use-now";
import { formatMiB, formatSpeed, formatUptime } from "@/lib/present/format";

export function ServerOverview({ id }: { id: number }) {
  const { data: host, error, isPending, refetch } = useHost(id);
  const now = useNow();
  if (isPending) return <Loading label="Loading server" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const m = host.memory;
  const settings = host.migration;
  return (
    <div className="pb-8">
      <ToolHeader title="Overview" />
      <div className="px-6">
        <CommandBar label="Server">
          <Button variant="command" icon={RefreshCw} onClick={() => void refetch()}>
            Refresh
          </Button>
        </CommandBar>
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 pt-4 xl:grid-cols-2">
        <Card title="Server">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3">
            <Property label="Computer name">{host.name}</Property>
            <Property label="Domain">{host.domain.name}</Property>
            <Property label="Operating system">{host.osVersion}</Property>
            <Property label="Version">{host.osBuild}</Property>
            <Property label="Processors">
              {host.cpuModel} ({host.logicalProcessors} logical)
            </Property>
            <Property label="Processor generation">
              {host.cpuVendor} {host.cpuFeatureLevel}
            </Property>
            <Property label="State">
              <Status value={host.state} />
            </Property>
            <Property label="Up time">{formatUptime(host.bootTime, now)}</Property>
            <Property label="Management IP">{host.managementIp}</Property>
            <Property label="Cluster">{host.cluster?.name ?? "None"}</Property>
            <Property label="Roles">{host.roles.join(", ") || "None"}</Property>
            <Property label="Virtual machines">
              {host.vmCounts.running} running of {host.vmCounts.total}
            </Property>
          </dl>
        </Card>
        <Card title="Resources">
          <div className="flex flex-col gap-4">
            <Meter
              label="CPU"
              used={host.cpuUsagePercent}
              total={100}
              display={`${Math.round(host.cpuUsagePercent)}% of ${host.logicalProcessors} logical processors`}
            />
            <Meter
              label="Memory"
              used={m.usedMiB}
              total={m.totalMiB}
              display={`${formatMiB(m.usedMiB)} used, ${formatMiB(m.availableMiB)} available of ${formatMiB(m.totalMiB)}`}
            />
            <dl className="grid grid-cols-3 gap-3">
              <Property label="Reserved for the host">{formatMiB(m.hostReservedMiB)}</Property>
              <Property label="Assigned to VMs">{formatMiB(m.guestMiB)}</Property>
              <Property label="Available for VMs">{formatMiB(m.availableMiB)}</Property>
            </dl>
          </div>
        </Card>
        <Card title="Network adapters" className="xl:col-span-2">
          <SimpleTable
            label="Network adapters"
            rows={host.adapters}
            rowKey={(a) => a.id}
            columns={[
              { header: "Name", render: (a) => a.name },
              { header: "Description", className: "text-fg-muted", render: (a) => a.description },
              { header: "Speed", render: (a) => formatSpeed(a.speedMbps) },
              { header: "RDMA", render: (a) => (a.rdma ? "Enabled" : "-") },
              {
                header: "IP address",
                render: (a) => (a.ipAddress ? `${a.ipAddress}/${a.prefixLength}` : "-"),
              },
              {
                header: "Purpose",
                render: (a) => (a.purpose === "LiveMigration" ? "Live migration" : a.purpose),
              },
            ]}
          />
        </Card>
        <Card title="Virtual switches">
          <SimpleTable
            label="Virtual switches"
            rows={host.switches}
            rowKey={(sw) => sw.id}
            empty="No virtual switches."
            columns={[
              { header: "Name", render: (sw) => sw.name },
              { header: "Type", render: (sw) => sw.type },
              { header: "Network adapter", render: (sw) => sw.adapter ?? "-" },
            ]}
          />
        </Card>
        <Card title="Live migrations">
          {settings ? (
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3">
              <Property label="Incoming and outgoing live migrations">
                {settings.enabled ? "Enabled" : "Disabled"}
              </Property>
              <Property label="Simultaneous live migrations">{settings.maxLiveMigrations}</Property>
              <Property label="Simultaneous storage migrations">{settings.maxStorageMigrations}</Property>
              <Property label="Authentication protocol">{settings.authentication}</Property>
              <Property label="Performance options">
                {settings.performanceOption === "TCPIP" ? "TCP/IP" : settings.performanceOption}
              </Property>
              <Property label="Incoming live migrations">
                {settings.useAnyNetwork
                  ? "Use any available network"
                  : settings.networks.map((n) => `${n.subnet} (priority ${n.priority})`).join(", ") ||
                    "No networks"}
              </Property>
            </dl>
          ) : (
            <p className="text-fg-muted">This server does not have the Hyper-V role.</p>
          )}
          {settings ? (
            <Link href={`/servers/${id}/settings`} className="mt-3 inline-block text-accent hover:underline">
              Change them in Settings
            </Link>
          ) : null}
        </Card>
        {host.dataDisks.length > 0 ? (
          <Card title="Data disks" className="xl:col-span-2">
            <ul>
              {host.dataDisks.map((d) => (
                <li key={d.id}>
                  Disk {d.number}: {d.friendlyName} · {d.mediaType} · {d.sizeGiB} GB
                  {d.driveLetter ? ` · ${d.driveLetter}:` : ""}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
