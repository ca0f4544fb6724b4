"use client";
import { RefreshCw } from "lucide-react";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Card, Meter, Property } from "@/components/ui/card";
import { ErrorState, Loading } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { formatMiB, formatSpeed, formatUptime } from "@/lib/client/format";
import { useHost } from "@/lib/client/use-hosts";
import { useNow } from "@/lib/client/use-now";

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
          <table aria-label="Network adapters" className="w-full text-left">
            <thead>
              <tr className="border-b border-border">
                <th className="py-1 font-semibold">Name</th>
                <th className="font-semibold">Description</th>
                <th className="font-semibold">Speed</th>
                <th className="font-semibold">RDMA</th>
                <th className="font-semibold">IP address</th>
                <th className="font-semibold">Purpose</th>
              </tr>
            </thead>
            <tbody>
              {host.adapters.map((a) => (
                <tr key={a.id} className="h-8 border-b border-border">
                  <td>{a.name}</td>
                  <td className="text-fg-muted">{a.description}</td>
                  <td>{formatSpeed(a.speedMbps)}</td>
                  <td>{a.rdma ? "Enabled" : "-"}</td>
                  <td>{a.ipAddress ? `${a.ipAddress}/${a.prefixLength}` : "-"}</td>
                  <td>{a.purpose === "LiveMigration" ? "Live migration" : a.purpose}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Virtual switches">
          {host.switches.length === 0 ? (
            <p className="text-fg-muted">No virtual switches.</p>
          ) : (
            <table aria-label="Virtual switches" className="w-full text-left">
              <thead>
                <tr className="border-b border-border">
                  <th className="py-1 font-semibold">Name</th>
                  <th className="font-semibold">Type</th>
                  <th className="font-semibold">Network adapter</th>
                </tr>
              </thead>
              <tbody>
                {host.switches.map((s) => (
                  <tr key={s.id} className="h-8 border-b border-border">
                    <td>{s.name}</td>
                    <td>{s.type}</td>
                    <td>{s.adapter ?? "-"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
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
