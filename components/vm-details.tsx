"use client";
import {
  ArrowLeft,
  ArrowRightLeft,
  CirclePause,
  Play,
  Power,
  PowerOff,
  Save,
  StepForward,
} from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { MoveVmPane, prefetchMovePane } from "@/components/move-vm/lazy-move-pane";
import { PowerShellScripts } from "@/components/powershell-scripts";
import { Button, CommandBar } from "@/components/ui/button";
import { Card, Property } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { Tabs } from "@/components/ui/tabs";
import { vmScriptsNote, vmToolScripts } from "@/components/vm-scripts";
import { ApiError } from "@/lib/client/api";
import { useNow } from "@/lib/client/use-now";
import { useRefusal } from "@/lib/client/use-session";
import { useUpdateVm, useVm, useVmAction } from "@/lib/client/use-vms";
import { lockedReason } from "@/lib/hyperv/vm-settings";
import { ACTION_LABELS } from "@/lib/hyperv/vm-state";
import type { VmDetail } from "@/lib/inventory/vms";
import { formatMiB, formatUptime } from "@/lib/present/format";
import type { UpdateVmInput, VmAction } from "@/lib/schemas/vm";

const ACTION_ICONS: Record<VmAction, typeof Play> = {
  start: Play,
  shutdown: Power,
  turnoff: PowerOff,
  pause: CirclePause,
  resume: StepForward,
  save: Save,
};

export function VmDetails({ id, back }: { id: number; back: string }) {
  const { data: vm, error, isPending, refetch } = useVm(id);
  const act = useVmAction();
  const operatorRefusal = useRefusal("Operator");
  const now = useNow(1000);
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [moving, setMoving] = useState(false);
  if (isPending) return <Loading label="Loading virtual machine" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;

  async function run(action: VmAction) {
    setNotice(null);
    try {
      await act.mutateAsync({ id, action });
      setNotice({ kind: "success", text: `${ACTION_LABELS[action]}: ${vm?.name}.` });
    } catch (e) {
      setNotice({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <div className="px-6 pt-4 pb-8">
      <Link href={back} className="inline-flex items-center gap-1 text-accent hover:underline">
        <ArrowLeft aria-hidden size={14} /> Virtual machines
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{vm.name}</h1>
      <CommandBar label="Virtual machine">
        {(Object.keys(ACTION_ICONS) as VmAction[]).map((action) => (
          <Button
            key={action}
            variant="command"
            icon={ACTION_ICONS[action]}
            unavailable={operatorRefusal}
            disabled={act.isPending || !vm.allowedActions.includes(action)}
            onClick={() => void run(action)}
          >
            {ACTION_LABELS[action]}
          </Button>
        ))}
        {operatorRefusal ? null : (
          <Button
            variant="command"
            icon={ArrowRightLeft}
            onPointerEnter={prefetchMovePane}
            onFocus={prefetchMovePane}
            onClick={() => setMoving(true)}
          >
            Move
          </Button>
        )}
        <PowerShellScripts
          tool={vm.name}
          scripts={vmToolScripts([{ name: vm.name, host: vm.host.name }], vm)}
          note={vmScriptsNote([{ name: vm.name, host: vm.host.name }])}
        />
      </CommandBar>
      {moving ? <MoveVmPane vmId={vm.id} vmName={vm.name} onClose={() => setMoving(false)} /> : null}
      {notice ? (
        <div className="my-2">
          <MessageBar kind={notice.kind}>{notice.text}</MessageBar>
        </div>
      ) : null}
      <Card title="Properties" className="mt-4">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 md:grid-cols-4">
          <Property label="State">
            <Status value={vm.state} />
          </Property>
          <Property label="Host server">{vm.host.name}</Property>
          <Property label="Cluster">{vm.host.cluster?.name ?? "Not clustered"}</Property>
          <Property label="Uptime">{formatUptime(vm.uptimeStart, now) || "-"}</Property>
          <Property label="Assigned memory">{formatMiB(vm.memoryMiB)}</Property>
          <Property label="Memory demand">
            {vm.memoryDemandMiB ? formatMiB(vm.memoryDemandMiB) : "-"}
          </Property>
          <Property label="Virtual processors">{vm.vcpus}</Property>
          <Property label="Heartbeat">
            <Status value={vm.heartbeat} />
          </Property>
          <Property label="Generation">{vm.generation}</Property>
          <Property label="Configuration version">{vm.configurationVersion}</Property>
          <Property label="Highly available">{vm.highlyAvailable ? "Yes" : "No"}</Property>
          <Property label="Workload profile">{vm.workload}</Property>
        </dl>
      </Card>
      <VmSettings key={vm.id} vm={vm} />
    </div>
  );
}

type SettingsTab = "general" | "memory" | "processors" | "disks" | "networks";

/** Settings as Admin Center shows them: tabs, one form, Save and Discard for the whole set. */
function VmSettings({ vm }: { vm: VmDetail }) {
  const update = useUpdateVm(vm.id);
  const adminRefusal = useRefusal("Administrator");
  const [tab, setTab] = useState<SettingsTab>("general");
  const initial = {
    name: vm.name,
    notes: vm.notes,
    memoryGiB: String(vm.memoryMiB / 1024),
    dynamicMemory: vm.dynamicMemory,
    vcpus: String(vm.vcpus),
    processorCompatibility: vm.processorCompatibility,
    clusterPriority: vm.clusterPriority === null ? "" : String(vm.clusterPriority),
    adapters: Object.fromEntries(vm.adapters.map((a) => [a.id, a.switchName ?? ""])) as Record<
      number,
      string
    >,
  };
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  function changes(): UpdateVmInput {
    const out: Record<string, unknown> = {};
    if (form.name !== initial.name) out.name = form.name;
    if (form.notes !== initial.notes) out.notes = form.notes;
    // Compare what the text means, not the text: "4.0" GB is the 4096 MB the VM already has.
    const gib = Number(form.memoryGiB);
    const memoryMiB =
      Number.isFinite(gib) && form.memoryGiB.trim() !== "" ? Math.round(gib * 1024) : form.memoryGiB;
    if (memoryMiB !== vm.memoryMiB) out.memoryMiB = memoryMiB;
    if (form.dynamicMemory !== initial.dynamicMemory) out.dynamicMemory = form.dynamicMemory;
    const vcpus = /^[0-9]+$/.test(form.vcpus.trim()) ? Number(form.vcpus) : form.vcpus;
    if (vcpus !== vm.vcpus) out.vcpus = vcpus;
    if (form.processorCompatibility !== initial.processorCompatibility) {
      out.processorCompatibility = form.processorCompatibility;
    }
    if (form.clusterPriority !== initial.clusterPriority && form.clusterPriority !== "") {
      out.clusterPriority = Number(form.clusterPriority);
    }
    const adapters = vm.adapters
      .filter((a) => form.adapters[a.id] !== initial.adapters[a.id])
      .map((a) => ({ id: a.id, switchName: form.adapters[a.id] || null }));
    if (adapters.length > 0) out.adapters = adapters;
    return out as UpdateVmInput;
  }
  const dirty = Object.keys(changes()).length > 0;

  async function save() {
    setErrors({});
    setNotice(null);
    const sent = changes();
    try {
      await update.mutateAsync(sent);
      setNotice({ kind: "success", text: "Settings saved." });
    } catch (e) {
      if (e instanceof ApiError) {
        const issues = e.fieldIssues();
        if (issues.memoryMiB) issues.memoryGiB = issues.memoryMiB;
        // The server numbers adapters as sent (only the changed ones): key their errors by adapter id.
        (sent.adapters ?? []).forEach((a, i) => {
          const message = issues[`adapters.${i}.switchName`] ?? issues[`adapters.${i}.id`];
          if (message) issues[`adapter-${a.id}`] = message;
        });
        setErrors(issues);
        setNotice({ kind: "error", text: [e.message, ...Object.values(issues)].join(" ") });
      } else setNotice({ kind: "error", text: String(e) });
    }
  }

  const set =
    (key: "name" | "notes" | "memoryGiB" | "vcpus" | "clusterPriority") =>
    (e: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [key]: e.target.value }));
  const off = vm.state === "Off";

  return (
    <section aria-label="Settings" className="mt-6">
      <h2 className="text-xl font-semibold">Settings</h2>
      <Tabs<SettingsTab>
        label="Settings"
        active={tab}
        onChange={setTab}
        tabs={[
          { key: "general", label: "General" },
          { key: "memory", label: "Memory" },
          { key: "processors", label: "Processors" },
          { key: "disks", label: "Disks" },
          { key: "networks", label: "Networks" },
        ]}
      />
      <div role="tabpanel" className="max-w-xl py-4">
        {tab === "general" ? (
          <div className="flex flex-col gap-3">
            <Field label="Name" error={errors.name}>
              {(p) => <input {...p} value={form.name} onChange={set("name")} />}
            </Field>
            <Field label="Notes" error={errors.notes}>
              {(p) => (
                <textarea
                  {...p}
                  className={`${p.className} h-20 py-1`}
                  value={form.notes}
                  onChange={set("notes")}
                />
              )}
            </Field>
            {vm.highlyAvailable ? (
              <Field label="Cluster role priority" error={errors.clusterPriority}>
                {(p) => (
                  <select {...p} value={form.clusterPriority} onChange={set("clusterPriority")}>
                    <option value="3000">High</option>
                    <option value="2000">Medium</option>
                    <option value="1000">Low</option>
                    <option value="0">No Auto Start</option>
                  </select>
                )}
              </Field>
            ) : null}
          </div>
        ) : null}
        {tab === "memory" ? (
          <div className="flex flex-col gap-3">
            <Field
              label="Startup memory (GB)"
              error={errors.memoryGiB}
              hint={
                off
                  ? undefined
                  : "A running VM with static memory can grow while it runs if the host has room."
              }
            >
              {(p) => <input {...p} inputMode="decimal" value={form.memoryGiB} onChange={set("memoryGiB")} />}
            </Field>
            <LockableCheckbox
              label="Enable Dynamic Memory"
              checked={form.dynamicMemory}
              onChange={(checked) => setForm((f) => ({ ...f, dynamicMemory: checked }))}
              locked={lockedReason("dynamicMemory", vm.state)}
              error={errors.dynamicMemory}
            />
          </div>
        ) : null}
        {tab === "processors" ? (
          <div className="flex flex-col gap-3">
            {/* Greyed while the VM runs, with Hyper-V's reason beside it, as Hyper-V Manager shows it. */}
            <Field
              label="Number of virtual processors"
              error={errors.vcpus}
              hint={lockedReason("vcpus", vm.state) ?? undefined}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={form.vcpus}
                  disabled={lockedReason("vcpus", vm.state) !== null}
                  onChange={set("vcpus")}
                />
              )}
            </Field>
            <LockableCheckbox
              label="Processor compatibility: migrate to a physical computer with a different processor version"
              checked={form.processorCompatibility}
              onChange={(checked) => setForm((f) => ({ ...f, processorCompatibility: checked }))}
              locked={lockedReason("processorCompatibility", vm.state)}
              error={errors.processorCompatibility}
            />
          </div>
        ) : null}
        {tab === "disks" ? (
          <SimpleTable
            label="Disks"
            rows={vm.disks}
            rowKey={(d) => d.id}
            empty="No virtual disks."
            columns={[
              { header: "Controller", render: (d) => d.controller },
              {
                header: "Path",
                className: "max-w-64 truncate font-mono text-sm",
                render: (d) => <span title={d.path}>{d.path}</span>,
              },
              { header: "Size", render: (d) => `${d.usedGiB} of ${d.sizeGiB} GB` },
              {
                header: "Location",
                render: (d) => (d.location === "CSV" ? `CSV (${d.csv?.name ?? "?"})` : d.location),
              },
            ]}
          />
        ) : null}
        {tab === "networks" ? (
          <div className="flex flex-col gap-4">
            {vm.adapters.map((a) => (
              <Field
                key={a.id}
                label={`${a.name} (${a.macAddress}) virtual switch`}
                error={errors[`adapter-${a.id}`]}
              >
                {(p) => (
                  <select
                    {...p}
                    value={form.adapters[a.id] ?? ""}
                    onChange={(e) =>
                      setForm((f) => ({ ...f, adapters: { ...f.adapters, [a.id]: e.target.value } }))
                    }
                  >
                    <option value="">Not connected</option>
                    {/* A switch the host lacks still shows, so the mismatch is visible. */}
                    {[...new Set([...vm.hostSwitches, ...(a.switchName ? [a.switchName] : [])])].map((s) => (
                      <option key={s} value={s}>
                        {s}
                        {vm.hostSwitches.includes(s) ? "" : " (missing on this host)"}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
          </div>
        ) : null}
      </div>
      {notice ? (
        <div className="mb-3 max-w-xl">
          <MessageBar kind={notice.kind}>{notice.text}</MessageBar>
        </div>
      ) : null}
      <div className="flex gap-2">
        <Button
          variant="primary"
          unavailable={adminRefusal}
          disabled={!dirty || update.isPending}
          onClick={() => void save()}
        >
          Save settings
        </Button>
        <Button
          disabled={!dirty}
          onClick={() => {
            setForm(initial);
            setErrors({});
            setNotice(null);
          }}
        >
          Discard changes
        </Button>
      </div>
    </section>
  );
}

/** A checkbox Hyper-V allows to change only in some states: disabled, with the reason tied to it. */
function LockableCheckbox({
  label,
  checked,
  onChange,
  locked,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  locked: string | null;
  error: string | undefined;
}) {
  const id = useId();
  const note = error ?? locked;
  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={checked}
          disabled={locked !== null}
          aria-describedby={note ? `${id}-note` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {note ? (
        <span id={`${id}-note`} className={`text-sm ${error ? "text-danger" : "text-fg-muted"}`}>
          {note}
        </span>
      ) : null}
    </div>
  );
}
