"use client";
import {
  ArrowRightLeft,
  CirclePause,
  Play,
  Plus,
  Power,
  PowerOff,
  RefreshCw,
  Save,
  Search,
  Settings,
  StepForward,
} from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { MoveVmPane, prefetchMovePane } from "@/components/move-vm/lazy-move-pane";
import { ManageMenu } from "@/components/move-vm/manage-menu";
import { NewVmPanel } from "@/components/new-vm-panel";
import { PowerShellScripts } from "@/components/powershell-scripts";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Card, Meter } from "@/components/ui/card";
import { type Column, DataGrid } from "@/components/ui/data-grid";
import { Panel } from "@/components/ui/panel";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { Tabs } from "@/components/ui/tabs";
import { vmScriptsNote, vmToolScripts } from "@/components/vm-scripts";
import { useNow } from "@/lib/client/use-now";
import { useRefusal } from "@/lib/client/use-session";
import { useVmBulkAction, useVmList, useVmSummary, type VmScope } from "@/lib/client/use-vms";
import { ACTION_LABELS, allowedActions } from "@/lib/hyperv/vm-state";
import type { VmListItem } from "@/lib/inventory/vms";
import { formatMiB, formatUptime } from "@/lib/present/format";
import { VM_STATES, type VmAction, type VmState } from "@/lib/schemas/values";

type Tab = "summary" | "inventory";

export function VirtualMachinesTool({ scope, base }: { scope: VmScope; base: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const tab: Tab = params.get("tab") === "summary" ? "summary" : "inventory";
  return (
    <div className="pb-8">
      <ToolHeader title="Virtual machines" />
      <div className="px-6">
        <Tabs<Tab>
          label="Virtual machines"
          tabs={[
            { key: "summary", label: "Summary" },
            { key: "inventory", label: "Inventory" },
          ]}
          active={tab}
          onChange={(t) => router.replace(`${base}?tab=${t}`)}
        />
        {tab === "summary" ? <VmSummaryTab scope={scope} /> : <VmInventoryTab scope={scope} base={base} />}
      </div>
    </div>
  );
}

function VmSummaryTab({ scope }: { scope: VmScope }) {
  const { data, error, isPending, refetch } = useVmSummary({
    hostId: scope.hostId,
    clusterId: scope.clusterId,
  });
  if (isPending) return <Loading label="Loading summary" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const total = VM_STATES.reduce((s, k) => s + data.counts[k], 0);
  const usedMiB = data.memory.hostReservedMiB + data.memory.guestMiB;
  return (
    <div className="grid grid-cols-1 gap-4 pt-4 lg:grid-cols-3">
      <Card title="Virtual machines">
        <div className="mb-3 text-3xl font-light">{total}</div>
        <dl className="grid grid-cols-2 gap-2">
          {VM_STATES.map((s) => (
            <div key={s} className="flex items-center justify-between border-b border-border pb-1">
              <dt>
                <Status value={s} />
              </dt>
              <dd className="font-semibold tabular-nums">{data.counts[s]}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Memory">
        <div className="flex flex-col gap-3">
          <Meter
            label="Host memory in use"
            used={usedMiB}
            total={data.memory.totalMiB}
            display={`${formatMiB(usedMiB)} of ${formatMiB(data.memory.totalMiB)}`}
          />
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="text-fg-muted">Assigned to running VMs</dt>
            <dd>{formatMiB(data.memory.guestMiB)}</dd>
            <dt className="text-fg-muted">Reserved for the host</dt>
            <dd>{formatMiB(data.memory.hostReservedMiB)}</dd>
            <dt className="text-fg-muted">Hosts</dt>
            <dd>{data.hosts}</dd>
          </dl>
        </div>
      </Card>
      <Card title="CPU">
        <div className="flex flex-col gap-3">
          <Meter
            label="Host CPU usage"
            used={data.cpu.hostUsagePercent}
            total={100}
            display={`${data.cpu.hostUsagePercent}%`}
          />
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="text-fg-muted">Logical processors</dt>
            <dd>{data.cpu.logicalProcessors}</dd>
            <dt className="text-fg-muted">Virtual processors in running VMs</dt>
            <dd>{data.cpu.guestVcpus}</dd>
          </dl>
        </div>
      </Card>
    </div>
  );
}

const ACTIONS: { action: VmAction; icon: typeof Play; confirm?: string }[] = [
  { action: "start", icon: Play },
  {
    action: "shutdown",
    icon: Power,
    confirm: "The guest operating system is asked to shut down. Unsaved work inside the VM may be lost.",
  },
  {
    action: "turnoff",
    icon: PowerOff,
    confirm:
      "Turning off is like pulling the power cord: the guest does not shut down and unsaved data is lost.",
  },
  { action: "pause", icon: CirclePause },
  { action: "resume", icon: StepForward },
  { action: "save", icon: Save },
];

function VmInventoryTab({ scope, base }: { scope: VmScope; base: string }) {
  const router = useRouter();
  const list = useVmList(scope);
  const act = useVmBulkAction();
  const now = useNow();
  const [query, setQuery] = useState("");
  const [stateFilter, setStateFilter] = useState<VmState | "">("");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState<(typeof ACTIONS)[number] | null>(null);
  const [notice, setNotice] = useState<{ kind: "error" | "success"; lines: string[] } | null>(null);
  const [moving, setMoving] = useState<VmListItem | null>(null);
  const [creating, setCreating] = useState(false);

  const rows = list.items ?? [];
  const q = query.trim().toLowerCase();
  const filtered = useMemo(
    () =>
      rows.filter(
        (r) =>
          (!q || r.name.toLowerCase().includes(q) || r.host.name.toLowerCase().includes(q)) &&
          (!stateFilter || r.state === stateFilter),
      ),
    [rows, q, stateFilter],
  );
  const chosen = rows.filter((r) => selected.has(r.id));

  /** The selected VMs that are still shown (a filter may hide some) and whose state allows `action`. */
  const targets = (action: VmAction) =>
    filtered.filter((vm) => selected.has(vm.id) && allowedActions(vm.state).includes(action));

  async function run(action: VmAction) {
    setConfirming(null);
    setNotice(null);
    const { done, failed } = await act.mutateAsync({ vms: targets(action), action });
    const lines = [...(done.length > 0 ? [`${ACTION_LABELS[action]}: ${done.join(", ")}.`] : []), ...failed];
    setNotice({ kind: failed.length > 0 ? "error" : "success", lines });
  }

  const columns: Column<VmListItem>[] = [
    {
      key: "name",
      header: "Name",
      width: "18%",
      sortValue: (r) => r.name,
      render: (r) => (
        <Link href={`${base}/${r.id}`} className="text-accent hover:underline">
          {r.name}
        </Link>
      ),
    },
    {
      key: "state",
      header: "State",
      width: "10%",
      sortValue: (r) => r.state,
      render: (r) => <Status value={r.state} />,
    },
    {
      key: "host",
      header: "Host server",
      width: "11%",
      sortValue: (r) => r.host.name,
      render: (r) => r.host.name,
    },
    {
      key: "cpu",
      header: "CPU usage",
      width: "9%",
      align: "right",
      sortValue: (r) => r.cpuUsagePercent,
      render: (r) => (r.state === "Running" ? `${Math.round(r.cpuUsagePercent)}%` : ""),
    },
    {
      key: "memoryDemand",
      header: "Memory demand",
      width: "12%",
      align: "right",
      sortValue: (r) => r.memoryDemandMiB,
      render: (r) => (r.memoryDemandMiB > 0 ? formatMiB(r.memoryDemandMiB) : ""),
    },
    {
      key: "memory",
      header: "Assigned memory",
      width: "12%",
      align: "right",
      sortValue: (r) => r.memoryMiB,
      render: (r) => formatMiB(r.memoryMiB),
    },
    {
      key: "uptime",
      header: "Uptime",
      width: "12%",
      align: "right",
      sortValue: (r) => (r.uptimeStart ? -Date.parse(r.uptimeStart) : null),
      render: (r) => formatUptime(r.uptimeStart, now),
    },
    {
      key: "heartbeat",
      header: "Heartbeat",
      sortValue: (r) => r.heartbeat,
      render: (r) => <Status value={r.heartbeat} />,
    },
  ];

  const operatorRefusal = useRefusal("Operator");
  const adminRefusal = useRefusal("Administrator");
  return (
    <div className="pt-2">
      <CommandBar label="Virtual machine actions">
        {/* Add > New: only for those who may create VMs (administrators). */}
        {adminRefusal ? null : (
          <ManageMenu
            label="Add"
            icon={Plus}
            items={[{ label: "New", icon: Plus, onSelect: () => setCreating(true) }]}
          />
        )}
        {ACTIONS.map((a) => (
          <Button
            key={a.action}
            variant="command"
            icon={a.icon}
            unavailable={operatorRefusal}
            disabled={act.isPending || targets(a.action).length === 0}
            onClick={() => (a.confirm ? setConfirming(a) : void run(a.action))}
          >
            {ACTION_LABELS[a.action]}
          </Button>
        ))}
        <Button
          variant="command"
          icon={Settings}
          disabled={chosen.length !== 1}
          onClick={() => chosen[0] && router.push(`${base}/${chosen[0].id}`)}
        >
          Settings
        </Button>
        {/* A viewer may not move VMs: Manage (whose only entry is Move) is not offered at all. */}
        {operatorRefusal ? null : (
          <ManageMenu
            onIntent={prefetchMovePane}
            items={[
              {
                label: "Move",
                icon: ArrowRightLeft,
                disabled: chosen.length !== 1,
                onSelect: () => setMoving(chosen[0] ?? null),
              },
            ]}
          />
        )}
        <Button variant="command" icon={RefreshCw} onClick={() => void list.refetch()}>
          Refresh
        </Button>
        <PowerShellScripts
          tool="Virtual machines"
          scripts={vmToolScripts(
            chosen.map((vm) => ({ name: vm.name, host: vm.host.name })),
            null,
          )}
          note={vmScriptsNote(chosen.map((vm) => ({ name: vm.name, host: vm.host.name })))}
        />
        <div className="ml-auto flex items-center gap-2">
          <label className="flex items-center gap-2">
            {/* Named for screen readers and tests; the options say what it filters, as in Admin Center. */}
            <span className="sr-only">State</span>
            <select
              value={stateFilter}
              onChange={(e) => setStateFilter(e.target.value as VmState | "")}
              className="h-8 rounded-sm border border-border-strong bg-surface px-2"
            >
              <option value="">All states</option>
              {VM_STATES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label className="flex h-8 items-center gap-2 rounded-sm border border-border-strong bg-surface px-2">
            <Search aria-hidden size={14} className="text-fg-muted" />
            <span className="sr-only">Search virtual machines</span>
            <input
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Search"
              className="w-28 bg-transparent outline-none"
            />
          </label>
        </div>
      </CommandBar>
      {notice ? (
        <div className="my-2">
          <MessageBar kind={notice.kind}>
            {notice.lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </MessageBar>
        </div>
      ) : null}
      {list.error ? <ErrorState error={list.error} retry={() => void list.refetch()} /> : null}
      {list.isPending ? (
        <Loading label="Loading virtual machines" />
      ) : (
        <DataGrid
          label="Virtual machines"
          columns={columns}
          rows={filtered}
          rowId={(r) => r.id}
          rowName={(r) => r.name}
          selected={selected}
          onSelectedChange={setSelected}
          empty={rows.length === 0 ? "No virtual machines here." : "No virtual machine matches the filter."}
        />
      )}
      <p className="mt-2 text-sm text-fg-muted" aria-live="polite">
        {filtered.length} of {rows.length} items · {chosen.length} selected
        {list.complete || list.isPending ? "" : ` · loading ${rows.length} of ${list.total}`}
      </p>
      {confirming ? (
        <Panel
          title={`${ACTION_LABELS[confirming.action]} virtual machines`}
          onClose={() => setConfirming(null)}
          footer={
            <>
              <Button variant="primary" onClick={() => void run(confirming.action)}>
                {ACTION_LABELS[confirming.action]}
              </Button>
              <Button onClick={() => setConfirming(null)}>Cancel</Button>
            </>
          }
        >
          <p>{confirming.confirm}</p>
          <ul className="mt-3 list-disc pl-6">
            {targets(confirming.action).map((vm) => (
              <li key={vm.id}>{vm.name}</li>
            ))}
          </ul>
        </Panel>
      ) : null}
      {moving ? <MoveVmPane vmId={moving.id} vmName={moving.name} onClose={() => setMoving(null)} /> : null}
      {creating ? <NewVmPanel scope={scope} base={base} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
