"use client";
import { Plus, RefreshCw } from "lucide-react";
import { useState } from "react";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Card, Meter } from "@/components/ui/card";
import { Panel } from "@/components/ui/panel";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { useCluster, useStorage } from "@/lib/client/use-clusters";
import { useAddClusterDisk, useAddCsv, useRemoveClusterDisk, useRemoveCsv } from "@/lib/client/use-estate";
import { useRefusal } from "@/lib/client/use-session";
import { addClusterDiskScript } from "@/lib/hyperv/estate-powershell";
import type { ClusterDetail } from "@/lib/inventory/clusters";
import { formatGiB } from "@/lib/present/format";

type Outcome = { kind: "success" | "error"; text: string; powershell?: string } | null;

/**
 * Failover Cluster Manager's Storage > Disks beside the volumes: Add Disk for the disks every node
 * reaches, Add to / Remove from Cluster Shared Volumes.
 */
export function ClusterVolumes({ id }: { id: number }) {
  const cluster = useCluster(id);
  const storage = useStorage();
  const addCsv = useAddCsv(id);
  const removeCsv = useRemoveCsv();
  const removeDisk = useRemoveClusterDisk(id);
  const refusal = useRefusal("Administrator");
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function act(run: () => Promise<{ powershell: string }>, done: string) {
    setOutcome(null);
    try {
      const { powershell } = await run();
      setOutcome({ kind: "success", text: done, powershell });
    } catch (error) {
      setOutcome({ kind: "error", text: error instanceof Error ? error.message : String(error) });
    }
  }

  if (cluster.isPending || storage.isPending) return <Loading label="Loading volumes" />;
  const error = cluster.error ?? storage.error;
  if (error) return <ErrorState error={error} />;
  const c = cluster.data;
  const targets = (storage.data?.targets ?? []).filter((t) =>
    t.virtualDisks.some((d) => c?.disks.some((x) => x.path === d.path)),
  );
  return (
    <div className="pb-8">
      <ToolHeader title="Volumes" />
      <div className="px-6">
        <CommandBar label="Storage">
          <Button variant="command" icon={Plus} unavailable={refusal} onClick={() => setAdding(true)}>
            Add disk
          </Button>
          <Button variant="command" icon={RefreshCw} onClick={() => void cluster.refetch()}>
            Refresh
          </Button>
        </CommandBar>
        {outcome ? (
          <div className="my-2 flex flex-col gap-2">
            <MessageBar kind={outcome.kind}>{outcome.text}</MessageBar>
            {outcome.powershell ? <PowerShellBlock script={outcome.powershell} /> : null}
          </div>
        ) : null}
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 pt-4">
        <Card title="Disks">
          <SimpleTable
            label="Cluster disks"
            rows={c?.disks ?? []}
            rowKey={(d) => d.id}
            empty="The cluster has no disks. Add a disk that every node reaches."
            columns={[
              { header: "Name", render: (d) => d.name },
              { header: "Disk", className: "font-mono text-sm", render: (d) => `${d.server}: ${d.path}` },
              { header: "Capacity", render: (d) => formatGiB(d.sizeGiB) },
              { header: "Assigned to", render: (d) => d.assignedTo },
              {
                header: "Actions",
                render: (d) =>
                  d.assignedTo === "Available Storage" ? (
                    <span className="flex gap-1">
                      <Button
                        variant="command"
                        unavailable={refusal}
                        aria-label={`Add to Cluster Shared Volumes: ${d.name}`}
                        onClick={() =>
                          void act(
                            () => addCsv.mutateAsync(d.id),
                            `${d.name} is now a Cluster Shared Volume.`,
                          )
                        }
                      >
                        Add to Cluster Shared Volumes
                      </Button>
                      <Button
                        variant="command"
                        unavailable={refusal}
                        aria-label={`Remove ${d.name} from the cluster`}
                        onClick={() =>
                          void act(() => removeDisk.mutateAsync(d.id), `${d.name} left the cluster.`)
                        }
                      >
                        Remove
                      </Button>
                    </span>
                  ) : d.volumeId ? (
                    <Button
                      variant="command"
                      unavailable={refusal}
                      aria-label={`Remove from Cluster Shared Volumes: ${d.name}`}
                      onClick={() =>
                        void act(
                          () => removeCsv.mutateAsync(d.volumeId as number),
                          `${d.name} is back in Available Storage.`,
                        )
                      }
                    >
                      Remove from Cluster Shared Volumes
                    </Button>
                  ) : (
                    "-"
                  ),
              },
            ]}
          />
        </Card>
        <Card title="Cluster Shared Volumes">
          <SimpleTable
            label="Volumes"
            rows={c?.volumes ?? []}
            rowKey={(v) => v.id}
            empty="No Cluster Shared Volume yet."
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
      {c && adding ? (
        <AddDiskPanel
          cluster={c}
          onClose={() => setAdding(false)}
          onDone={(text, powershell) => {
            setAdding(false);
            setOutcome({ kind: "success", text, powershell });
          }}
        />
      ) : null}
    </div>
  );
}

/** Failover Cluster Manager's Add Disks to a Cluster: the disks every node reaches, formatted. */
function AddDiskPanel({
  cluster,
  onClose,
  onDone,
}: {
  cluster: ClusterDetail;
  onClose: () => void;
  onDone: (text: string, powershell: string) => void;
}) {
  const add = useAddClusterDisk(cluster.id);
  const [chosen, setChosen] = useState<number | null>(cluster.availableDisks[0]?.id ?? null);
  const [failure, setFailure] = useState<string | null>(null);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (chosen === null) return;
    setFailure(null);
    try {
      const { powershell, cluster: after } = await add.mutateAsync(chosen);
      const disk = after.disks.find((d) => d.id === chosen);
      onDone(`${disk?.name ?? "The disk"} was added to Available Storage.`, powershell);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }
  return (
    <Panel title="Add disks to a cluster" onClose={onClose}>
      <form aria-label="Add disk" onSubmit={submit} noValidate className="flex flex-col gap-3">
        {failure ? <MessageBar kind="error">{failure}</MessageBar> : null}
        <p className="text-fg-muted">
          A disk shows here once every node of {cluster.name} is connected to the iSCSI target that serves it
          and it has been brought online and formatted on a node.
        </p>
        {cluster.availableDisks.length === 0 ? (
          <MessageBar kind="warning">No disks suitable for cluster disks were found.</MessageBar>
        ) : (
          <fieldset>
            <legend className="mb-1 font-semibold">Available disks</legend>
            {cluster.availableDisks.map((d) => (
              <label key={d.id} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="cluster-disk"
                  checked={chosen === d.id}
                  onChange={() => setChosen(d.id)}
                />
                <span className="font-mono text-sm">
                  {d.server}: {d.path}
                </span>
                ({formatGiB(d.sizeGiB)})
              </label>
            ))}
          </fieldset>
        )}
        <PowerShellBlock script={addClusterDiskScript({ cluster: cluster.name })} />
        <div className="mt-2 flex gap-2">
          <Button type="submit" variant="primary" disabled={chosen === null || add.isPending}>
            Add
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Panel>
  );
}
