"use client";
import {
  ArrowRightFromLine,
  ArrowRightToLine,
  CirclePause,
  CirclePlay,
  PauseCircle,
  RefreshCw,
} from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ManageMenu } from "@/components/move-vm/manage-menu";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { type Column, DataGrid } from "@/components/ui/data-grid";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { useCluster } from "@/lib/client/use-clusters";
import { useResumeNode, useSuspendNode } from "@/lib/client/use-drains";
import { useHosts } from "@/lib/client/use-hosts";
import { useRefusal } from "@/lib/client/use-session";
import { drainStatusLabel, resumeScript, suspendScript } from "@/lib/hyperv/drain";
import type { HostSummary } from "@/lib/inventory/hosts";
import { formatMiB } from "@/lib/present/format";

type Notice = { kind: "error" | "success"; text: React.ReactNode } | null;

/** Cluster Manager's Servers: the nodes, with Pause (drain or not) and Resume (fail back or not). */
export function ClusterServers({ id }: { id: number }) {
  const router = useRouter();
  const { data, error, isPending, refetch } = useHosts({ clusterId: id });
  const cluster = useCluster(id);
  const suspend = useSuspendNode();
  const resume = useResumeNode();
  const adminRefusal = useRefusal("Administrator");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [draining, setDraining] = useState<HostSummary | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const nodes = data?.items ?? [];
  const node = nodes.length > 0 ? nodes.find((h) => selected.has(h.id)) : undefined;
  const one = selected.size === 1 && node !== undefined;
  const clusterName = cluster.data?.name ?? "";
  const busy = suspend.isPending || resume.isPending;

  const fail = (e: unknown) => setNotice({ kind: "error", text: e instanceof Error ? e.message : String(e) });

  async function pauseOnly(n: HostSummary) {
    setNotice(null);
    try {
      await suspend.mutateAsync({ nodeId: n.id, drain: false });
      setNotice({ kind: "success", text: `${n.name} is paused; its roles stay where they are.` });
    } catch (e) {
      fail(e);
    }
  }

  async function resumeNode(n: HostSummary, failback: boolean) {
    setNotice(null);
    try {
      const { failbackId } = await resume.mutateAsync({ nodeId: n.id, failback });
      if (failbackId !== null) router.push(`/clusters/${id}/drains/${failbackId}`);
      else
        setNotice({
          kind: "success",
          text: failback
            ? `${n.name} is up; no drained role was left to fail back.`
            : `${n.name} is up; its drained roles stay where they are.`,
        });
    } catch (e) {
      fail(e);
    }
  }

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
    {
      key: "drain",
      header: "Drain status",
      sortValue: (h) => drainStatusLabel(h.drain.status),
      render: (h) =>
        h.drain.drainId === null ? (
          ""
        ) : (
          <Link href={`/clusters/${id}/drains/${h.drain.drainId}`} className="text-accent hover:underline">
            <Status value={drainStatusLabel(h.drain.status)} />
          </Link>
        ),
    },
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
        <CommandBar label="Server actions">
          {adminRefusal ? null : (
            <>
              <ManageMenu
                label="Pause"
                icon={CirclePause}
                items={[
                  {
                    label: "Drain roles",
                    icon: ArrowRightFromLine,
                    disabled: !one || busy || node?.state === "Down",
                    onSelect: () => {
                      setNotice(null);
                      setDraining(node ?? null);
                    },
                  },
                  {
                    label: "Do not drain roles",
                    icon: PauseCircle,
                    disabled: !one || busy || node?.state !== "Up",
                    onSelect: () => node && void pauseOnly(node),
                  },
                ]}
              />
              <ManageMenu
                label="Resume"
                icon={CirclePlay}
                items={[
                  {
                    label: "Fail roles back",
                    icon: ArrowRightToLine,
                    disabled: !one || busy || node?.state !== "Paused",
                    onSelect: () => node && void resumeNode(node, true),
                  },
                  {
                    label: "Do not fail roles back",
                    icon: CirclePlay,
                    disabled: !one || busy || node?.state !== "Paused",
                    onSelect: () => node && void resumeNode(node, false),
                  },
                ]}
              />
            </>
          )}
          <Button variant="command" icon={RefreshCw} onClick={() => void refetch()}>
            Refresh
          </Button>
        </CommandBar>
        {notice ? (
          <div className="my-2">
            <MessageBar kind={notice.kind}>{notice.text}</MessageBar>
          </div>
        ) : null}
        {error ? <ErrorState error={error} retry={() => void refetch()} /> : null}
        {isPending ? (
          <Loading label="Loading servers" />
        ) : (
          <DataGrid
            label="Servers"
            columns={columns}
            rows={nodes}
            rowId={(h) => h.id}
            rowName={(h) => h.name}
            selected={selected}
            onSelectedChange={setSelected}
            height={320}
          />
        )}
      </div>
      {draining ? (
        <DrainPanel
          node={draining}
          nodes={nodes}
          clusterName={clusterName}
          onClose={() => setDraining(null)}
          onStarted={(drainId) => router.push(`/clusters/${id}/drains/${drainId}`)}
        />
      ) : null}
    </div>
  );
}

/** Pause > Drain roles: where the roles go (best node or one node), and the PowerShell. */
function DrainPanel({
  node,
  nodes,
  clusterName,
  onClose,
  onStarted,
}: {
  node: HostSummary;
  nodes: HostSummary[];
  clusterName: string;
  onClose: () => void;
  onStarted: (drainId: number) => void;
}) {
  const suspend = useSuspendNode();
  const [target, setTarget] = useState("");
  const [error, setError] = useState<string | null>(null);
  const others = nodes.filter((n) => n.id !== node.id);
  const targetName = others.find((n) => String(n.id) === target)?.name ?? null;

  async function start() {
    setError(null);
    try {
      const { drainId } = await suspend.mutateAsync({
        nodeId: node.id,
        drain: true,
        ...(target ? { targetNodeId: Number(target) } : {}),
      });
      if (drainId !== null) onStarted(drainId);
      else onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Panel
      title={`Drain roles from ${node.name}`}
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={suspend.isPending} onClick={() => void start()}>
            Drain roles
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        <p>
          {node.name} is paused, then its clustered roles move to other nodes in priority order: High and
          Medium by live migration, Low and No Auto Start by quick migration, as many at once as the cluster
          allows.
        </p>
        <Field label="Move roles to">
          {(p) => (
            <select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Best possible node (the most free memory)</option>
              {others.map((n) => (
                <option key={n.id} value={String(n.id)} disabled={n.state !== "Up"}>
                  {n.name}
                  {n.state === "Up" ? ` (${formatMiB(n.memory.availableMiB)} free)` : ` (${n.state})`}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error ? <MessageBar kind="error">{error}</MessageBar> : null}
        <PowerShellBlock
          script={suspendScript(clusterName || "CLUSTER", node.name, true, targetName)}
          level={3}
        />
        <p className="text-sm text-fg-muted">
          Resume later with {`"Fail roles back"`} to bring them home:{" "}
          <code className="font-mono">{resumeScript(clusterName || "CLUSTER", node.name, true)}</code>
        </p>
      </div>
    </Panel>
  );
}
