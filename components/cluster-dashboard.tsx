"use client";
import Link from "next/link";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Card, Meter } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { useCluster } from "@/lib/client/use-clusters";
import { formatGiB, formatMiB } from "@/lib/present/format";

const NETWORK_ROLES: Record<string, string> = {
  ClusterAndClient: "Cluster and Client",
  ClusterOnly: "Cluster Only",
  None: "None",
};

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
          {c.fqdn} · {c.ipAddress} · {c.domain} · Quorum:{" "}
          {c.witness.type === "disk"
            ? `disk witness (${c.witness.disk})`
            : c.witness.type === "fileShare"
              ? `file share witness (${c.witness.path})`
              : "no witness"}
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
          <SimpleTable
            label="Nodes"
            rows={c.nodes}
            rowKey={(n) => n.id}
            columns={[
              {
                header: "Name",
                render: (n) => (
                  <Link href={`/servers/${n.id}`} className="text-accent hover:underline">
                    {n.name}
                  </Link>
                ),
              },
              { header: "State", render: (n) => <Status value={n.state} /> },
              { header: "Roles", render: (n) => n.roleCount },
              { header: "Memory available", render: (n) => formatMiB(n.memory.availableMiB) },
            ]}
          />
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
          <SimpleTable
            label="Cluster disks"
            rows={c.disks}
            rowKey={(d) => d.id}
            empty="No shared disks."
            columns={[
              { header: "Disk", className: "font-mono text-sm", render: (d) => d.path },
              { header: "Capacity", render: (d) => formatGiB(d.sizeGiB) },
              { header: "iSCSI target", render: (d) => `${d.server}: ${d.target ?? "not mapped"}` },
              { header: "Assigned to", render: (d) => d.assignedTo },
            ]}
          />
        </Card>
        <Card title="Networks" className="xl:col-span-2">
          <SimpleTable
            label="Cluster networks"
            rows={c.networks}
            rowKey={(n) => n.id}
            columns={[
              { header: "Name", render: (n) => n.name },
              { header: "Subnet", render: (n) => n.subnet },
              { header: "Cluster use", render: (n) => NETWORK_ROLES[n.role] ?? n.role },
              { header: "Live migration order", render: (n) => n.liveMigrationOrder ?? "Not used" },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
