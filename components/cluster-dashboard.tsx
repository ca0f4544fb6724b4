"use client";
import Link from "next/link";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Card, Meter } from "@/components/ui/card";
import { ErrorState, Loading } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { formatGiB, formatMiB } from "@/lib/client/format";
import { useCluster } from "@/lib/client/use-clusters";

export function ClusterDashboard({ id }: { id: number }) {
  const { data: c, error, isPending, refetch } = useCluster(id);
  if (isPending) return <Loading label="Loading cluster" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const up = c.nodes.filter((n) => n.state === "Up").length;
  const totalMiB = c.nodes.reduce((s, n) => s + n.memory.totalMiB, 0);
  const usedMiB = c.nodes.reduce((s, n) => s + n.memory.usedMiB, 0);
  return (
    <div className="pb-8">
      <ToolHeader title="Dashboard">
        <p className="text-fg-muted">
          {c.fqdn} · {c.ipAddress} · {c.domain}
        </p>
      </ToolHeader>
      <div className="grid grid-cols-2 gap-4 px-6 pt-2 lg:grid-cols-4">
        <Card title="Servers">
          <div className="text-3xl font-light">{c.nodes.length}</div>
          <div className="text-fg-muted">{up} up</div>
        </Card>
        <Card title="Roles">
          <div className="text-3xl font-light">{c.roles.total}</div>
          <div className="text-fg-muted">
            {c.roles.running} running, {c.roles.off} not running
          </div>
        </Card>
        <Card title="Volumes">
          <div className="text-3xl font-light">{c.volumes.length}</div>
          <div className="text-fg-muted">Cluster Shared Volumes</div>
        </Card>
        <Card title="Live migration">
          <div className="text-3xl font-light">{c.maxParallelMigrations}</div>
          <div className="text-fg-muted">MaximumParallelMigrations</div>
        </Card>
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 pt-4 xl:grid-cols-2">
        <Card title="Nodes">
          <table aria-label="Nodes" className="w-full text-left">
            <thead>
              <tr className="border-b border-border">
                <th className="py-1 font-semibold">Name</th>
                <th className="font-semibold">State</th>
                <th className="font-semibold">Roles</th>
                <th className="font-semibold">Memory available</th>
              </tr>
            </thead>
            <tbody>
              {c.nodes.map((n) => (
                <tr key={n.id} className="h-8 border-b border-border">
                  <td>
                    <Link href={`/servers/${n.id}`} className="text-accent hover:underline">
                      {n.name}
                    </Link>
                  </td>
                  <td>
                    <Status value={n.state} />
                  </td>
                  <td>{n.roleCount}</td>
                  <td>{formatMiB(n.memory.availableMiB)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-4">
            <Meter
              label="Cluster memory in use"
              used={usedMiB}
              total={totalMiB}
              display={`${formatMiB(usedMiB)} of ${formatMiB(totalMiB)}`}
            />
          </div>
        </Card>
        <Card title="Cluster Shared Volumes">
          {c.volumes.map((v) => (
            <div key={v.id} className="mb-3">
              <Meter
                label={`${v.name} (${v.path})`}
                used={v.sizeGiB - v.freeGiB}
                total={v.sizeGiB}
                display={`${formatGiB(v.freeGiB)} free of ${formatGiB(v.sizeGiB)}`}
              />
              <div className="mt-1 text-sm text-fg-muted">
                Owner {v.ownerHost?.name ?? "-"}
                {v.backing ? ` · iSCSI ${v.backing.server}: ${v.backing.path}` : ""}
              </div>
            </div>
          ))}
          {c.volumes.length === 0 ? <p className="text-fg-muted">No Cluster Shared Volumes.</p> : null}
        </Card>
        <Card title="Disks" className="xl:col-span-2">
          <table aria-label="Cluster disks" className="w-full text-left">
            <thead>
              <tr className="border-b border-border">
                <th className="py-1 font-semibold">Disk</th>
                <th className="font-semibold">Capacity</th>
                <th className="font-semibold">iSCSI target</th>
                <th className="font-semibold">Assigned to</th>
              </tr>
            </thead>
            <tbody>
              {c.disks.map((d) => (
                <tr key={d.id} className="h-8 border-b border-border">
                  <td className="font-mono text-sm">{d.path}</td>
                  <td>{formatGiB(d.sizeGiB)}</td>
                  <td>
                    {d.server}: {d.target}
                  </td>
                  <td>{d.assignedTo}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.disks.length === 0 ? <p className="text-fg-muted">No shared disks.</p> : null}
        </Card>
        <Card title="Networks" className="xl:col-span-2">
          <table aria-label="Cluster networks" className="w-full text-left">
            <thead>
              <tr className="border-b border-border">
                <th className="py-1 font-semibold">Name</th>
                <th className="font-semibold">Subnet</th>
                <th className="font-semibold">Cluster use</th>
                <th className="font-semibold">Live migration order</th>
              </tr>
            </thead>
            <tbody>
              {c.networks.map((n) => (
                <tr key={n.id} className="h-8 border-b border-border">
                  <td>{n.name}</td>
                  <td>{n.subnet}</td>
                  <td>
                    {n.role === "ClusterAndClient"
                      ? "Cluster and Client"
                      : n.role === "ClusterOnly"
                        ? "Cluster Only"
                        : "None"}
                  </td>
                  <td>{n.liveMigrationOrder ?? "Not used"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}
