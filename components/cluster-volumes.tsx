"use client";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Card, Meter } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading } from "@/components/ui/states";
import { useCluster, useStorage } from "@/lib/client/use-clusters";
import { formatGiB } from "@/lib/present/format";

export function ClusterVolumes({ id }: { id: number }) {
  const cluster = useCluster(id);
  const storage = useStorage();
  if (cluster.isPending || storage.isPending) return <Loading label="Loading volumes" />;
  const error = cluster.error ?? storage.error;
  if (error) return <ErrorState error={error} />;
  const c = cluster.data;
  const targets = (storage.data?.targets ?? []).filter((t) =>
    t.virtualDisks.some((d) => c?.volumes.some((v) => v.backing?.path === d.path)),
  );
  return (
    <div className="pb-8">
      <ToolHeader title="Volumes" />
      <div className="grid grid-cols-1 gap-4 px-6">
        <Card title="Cluster Shared Volumes">
          <SimpleTable
            label="Volumes"
            rows={c?.volumes ?? []}
            rowKey={(v) => v.id}
            columns={[
              { header: "Name", render: (v) => v.name },
              { header: "Path", render: (v) => v.path },
              { header: "File system", render: (v) => v.fileSystem },
              { header: "Owner node", render: (v) => v.ownerHost?.name ?? "-" },
              { header: "VM disks", render: (v) => v.vmDiskCount },
            ]}
          />
          {c?.volumes.map((v) => (
            <div key={v.id} className="mt-4">
              <Meter
                label={`${v.name} capacity`}
                used={v.sizeGiB - v.freeGiB}
                total={v.sizeGiB}
                display={`${formatGiB(v.sizeGiB - v.freeGiB)} used, ${formatGiB(v.freeGiB)} free of ${formatGiB(v.sizeGiB)}`}
              />
            </div>
          ))}
        </Card>
        <Card title="iSCSI storage">
          {targets.length === 0 ? <p className="text-fg-muted">No iSCSI targets back this cluster.</p> : null}
          {targets.map((t) => (
            <div key={t.id} className="mb-4">
              <div className="font-semibold">
                {t.host.name}: target {t.name}
              </div>
              <div className="font-mono text-sm text-fg-muted">{t.iqn}</div>
              <div className="mt-2 text-sm font-semibold">Virtual disks</div>
              <ul className="text-sm">
                {t.virtualDisks.map((d) => (
                  <li key={d.id}>
                    {d.path} · {formatGiB(d.sizeGiB)} on disk {d.dataDisk.number}
                  </li>
                ))}
              </ul>
              <div className="mt-2 text-sm font-semibold">Initiators</div>
              <ul className="text-sm">
                {t.initiators.map((i) => (
                  <li key={i.id}>
                    {i.iqn}
                    {i.host ? ` (${i.host.name})` : ""}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </Card>
      </div>
    </div>
  );
}
