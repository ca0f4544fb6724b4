"use client";
import { Plus, RefreshCw, Target, Trash2 } from "lucide-react";
import { useState } from "react";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { useApiForm } from "@/lib/client/use-api-form";
import {
  useCreateTarget,
  useCreateVirtualDisk,
  useDeleteTarget,
  useDeleteVirtualDisk,
  useTargetServer,
  useUpdateDataDisk,
} from "@/lib/client/use-estate";
import { useRefusal } from "@/lib/client/use-session";
import { newIscsiTargetScript, newIscsiVirtualDiskScript } from "@/lib/hyperv/estate-powershell";
import type { TargetServer } from "@/lib/inventory/iscsi";
import { formatGiB } from "@/lib/present/format";

/** Whole numbers typed in a form; anything else goes to the server as typed, to be refused there. */
function numberOrRaw(text: string): number | string {
  const t = text.trim();
  return /^[0-9]+$/.test(t) ? Number(t) : t;
}

type Outcome = { kind: "success" | "error"; text: string; powershell?: string } | null;

/**
 * File and Storage Services > iSCSI on a server with the iSCSI Target Server role: its data disks
 * with their free space, the iSCSI virtual disks on them, and the targets that serve them.
 */
export function IscsiTargetTool({ hostId }: { hostId: number }) {
  const server = useTargetServer(hostId);
  const [panel, setPanel] = useState<"disk" | "target" | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const removeDisk = useDeleteVirtualDisk();
  const removeTarget = useDeleteTarget();
  const dataDisk = useUpdateDataDisk();
  const refusal = useRefusal("Administrator");

  async function act(run: () => Promise<{ powershell: string }>, done: string) {
    setOutcome(null);
    try {
      const { powershell } = await run();
      setOutcome({ kind: "success", text: done, powershell });
    } catch (error) {
      setOutcome({ kind: "error", text: error instanceof Error ? error.message : String(error) });
    }
  }

  if (server.isPending) return <Loading label="Loading iSCSI Target Server" />;
  if (server.error) return <ErrorState error={server.error} retry={() => void server.refetch()} />;
  const s = server.data;
  return (
    <div className="pb-8">
      <ToolHeader title="iSCSI Target Server">
        <p className="text-fg-muted">
          {s.hasRole
            ? `Portal addresses: ${s.portals.map((p) => `${p}:3260`).join(", ")}`
            : `${s.name} does not have the iSCSI Target Server role.`}
        </p>
      </ToolHeader>
      <div className="px-6">
        <CommandBar label="iSCSI Target Server">
          <Button
            variant="command"
            icon={Plus}
            unavailable={refusal}
            disabled={!s.hasRole}
            onClick={() => setPanel("disk")}
          >
            New iSCSI virtual disk
          </Button>
          <Button
            variant="command"
            icon={Target}
            unavailable={refusal}
            disabled={!s.hasRole}
            onClick={() => setPanel("target")}
          >
            New iSCSI target
          </Button>
          <Button variant="command" icon={RefreshCw} onClick={() => void server.refetch()}>
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
        <Card title="Data disks">
          <SimpleTable
            label="Data disks"
            rows={s.dataDisks}
            rowKey={(d) => d.id}
            empty="This server has no data disks."
            columns={[
              { header: "Disk", render: (d) => `Disk ${d.number}` },
              { header: "Volume", render: (d) => (d.driveLetter ? `${d.driveLetter}:` : "-") },
              { header: "Model", className: "text-fg-muted", render: (d) => d.friendlyName },
              { header: "Size", render: (d) => formatGiB(d.sizeGiB) },
              { header: "Free space", render: (d) => formatGiB(d.freeGiB) },
              { header: "Status", render: (d) => (d.offline ? "Offline" : "Online") },
              {
                header: "Actions",
                render: (d) => (
                  <Button
                    variant="command"
                    unavailable={refusal}
                    aria-label={`${d.offline ? "Bring online" : "Take offline"}: disk ${d.number}`}
                    onClick={() =>
                      void act(
                        () => dataDisk.mutateAsync({ id: d.id, offline: !d.offline }),
                        `Disk ${d.number} is ${d.offline ? "online" : "offline"}.`,
                      )
                    }
                  >
                    {d.offline ? "Bring online" : "Take offline"}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
        <Card title="iSCSI virtual disks">
          <SimpleTable
            label="iSCSI virtual disks"
            rows={s.virtualDisks}
            rowKey={(v) => v.id}
            empty="No iSCSI virtual disk yet."
            columns={[
              { header: "Path", className: "font-mono text-sm", render: (v) => v.path },
              { header: "Size", render: (v) => formatGiB(v.sizeGiB) },
              { header: "Type", render: (v) => v.type },
              { header: "Target", render: (v) => v.target?.name ?? "Not mapped" },
              { header: "Used by", render: (v) => v.usedBy ?? "-" },
              {
                header: "Actions",
                render: (v) => (
                  <Button
                    variant="command"
                    icon={Trash2}
                    unavailable={refusal}
                    aria-label={`Remove ${v.path}`}
                    onClick={() => void act(() => removeDisk.mutateAsync(v.id), `Removed ${v.path}.`)}
                  >
                    Remove
                  </Button>
                ),
              },
            ]}
          />
        </Card>
        <Card title="iSCSI targets">
          <SimpleTable
            label="iSCSI targets"
            rows={s.targets}
            rowKey={(t) => t.id}
            empty="No iSCSI target yet."
            columns={[
              {
                header: "Target",
                render: (t) => (
                  <div className="py-1">
                    <div>{t.name}</div>
                    <div className="font-mono text-sm text-fg-muted">{t.iqn}</div>
                  </div>
                ),
              },
              {
                header: "Initiators",
                render: (t) => (
                  <ul className="text-sm">
                    {t.initiators.map((i) => (
                      <li key={i.iqn}>{i.host ? `${i.host.name} (${i.iqn})` : i.iqn}</li>
                    ))}
                  </ul>
                ),
              },
              { header: "Virtual disks", render: (t) => t.virtualDisks.map((v) => v.path).join(", ") || "-" },
              {
                header: "Connected",
                render: (t) => t.connectedNodes.map((n) => n.name).join(", ") || "No sessions",
              },
              {
                header: "Actions",
                render: (t) => (
                  <Button
                    variant="command"
                    icon={Trash2}
                    unavailable={refusal}
                    aria-label={`Remove target ${t.name}`}
                    onClick={() =>
                      void act(() => removeTarget.mutateAsync(t.id), `Removed the target ${t.name}.`)
                    }
                  >
                    Remove
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      </div>
      {panel === "disk" ? (
        <NewVirtualDiskPanel
          server={s}
          onClose={() => setPanel(null)}
          onDone={(powershell, path) => {
            setPanel(null);
            setOutcome({ kind: "success", text: `Created the iSCSI virtual disk ${path}.`, powershell });
          }}
        />
      ) : null}
      {panel === "target" ? (
        <NewTargetPanel
          server={s}
          onClose={() => setPanel(null)}
          onDone={(powershell, name) => {
            setPanel(null);
            setOutcome({ kind: "success", text: `Created the iSCSI target ${name}.`, powershell });
          }}
        />
      ) : null}
    </div>
  );
}

function NewVirtualDiskPanel({
  server,
  onClose,
  onDone,
}: {
  server: TargetServer;
  onClose: () => void;
  onDone: (powershell: string, path: string) => void;
}) {
  const create = useCreateVirtualDisk();
  const first = server.dataDisks.find((d) => !d.offline && d.driveLetter) ?? server.dataDisks[0];
  const defaultPath = (letter: string | null | undefined) =>
    `${letter ?? "E"}:\\iSCSIVirtualDisks\\CSV1.vhdx`;
  const { form, setForm, set, errors, failure, submit } = useApiForm({
    dataDiskId: first ? String(first.id) : "",
    path: defaultPath(first?.driveLetter),
    sizeGiB: "500",
    type: "Fixed" as "Fixed" | "Dynamic",
  });
  const chosen = server.dataDisks.find((d) => String(d.id) === form.dataDiskId);

  function chooseDisk(e: { target: { value: string } }) {
    const id = e.target.value;
    const disk = server.dataDisks.find((d) => String(d.id) === id);
    setForm((f) => ({
      ...f,
      dataDiskId: id,
      // The path follows the chosen volume's letter, keeping the folder and file name typed.
      path: disk?.driveLetter ? f.path.replace(/^[A-Za-z]:/, `${disk.driveLetter}:`) : f.path,
    }));
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await submit(async () => {
      const { powershell } = await create.mutateAsync({
        dataDiskId: Number(form.dataDiskId),
        path: form.path,
        sizeGiB: numberOrRaw(form.sizeGiB),
        type: form.type,
      });
      onDone(powershell, form.path);
    });
  }

  const size = numberOrRaw(form.sizeGiB);
  return (
    <Panel title="New iSCSI virtual disk" onClose={onClose}>
      <form
        aria-label="New iSCSI virtual disk"
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-3"
      >
        {failure ? <MessageBar kind="error">{failure}</MessageBar> : null}
        <Field label="Data disk" error={errors.dataDiskId}>
          {(p) => (
            <select {...p} value={form.dataDiskId} onChange={chooseDisk}>
              {server.dataDisks.map((d) => (
                <option key={d.id} value={d.id}>
                  Disk {d.number} ({d.driveLetter ? `${d.driveLetter}:` : "no volume"}),{" "}
                  {formatGiB(d.freeGiB)} free of {formatGiB(d.sizeGiB)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Path" required error={errors.path} hint="A .vhdx file on the chosen disk's volume">
          {(p) => <input {...p} value={form.path} onChange={set("path")} autoComplete="off" />}
        </Field>
        <Field
          label="Size (GB)"
          required
          error={errors.sizeGiB}
          hint={chosen ? `${formatGiB(chosen.freeGiB)} free on disk ${chosen.number}` : undefined}
        >
          {(p) => <input {...p} inputMode="numeric" value={form.sizeGiB} onChange={set("sizeGiB")} />}
        </Field>
        <fieldset>
          <legend className="mb-1 font-semibold">Type</legend>
          {(
            [
              ["Fixed", "Fixed size: takes its whole size on the disk now, and is fastest"],
              ["Dynamic", "Dynamically expanding: grows as it is written"],
            ] as const
          ).map(([type, label]) => (
            <label key={type} className="flex items-center gap-2">
              <input
                type="radio"
                name="vdisk-type"
                checked={form.type === type}
                onChange={() => setForm((f) => ({ ...f, type }))}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <PowerShellBlock
          script={newIscsiVirtualDiskScript({
            server: server.name,
            path: form.path,
            sizeGiB: typeof size === "number" ? size : 0,
            type: form.type,
          })}
        />
        <div className="mt-2 flex gap-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Create
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Panel>
  );
}

function NewTargetPanel({
  server,
  onClose,
  onDone,
}: {
  server: TargetServer;
  onClose: () => void;
  onDone: (powershell: string, name: string) => void;
}) {
  const create = useCreateTarget();
  const { form, setForm, set, errors, failure, submit } = useApiForm({
    name: "cluster1-csv",
    initiators: [] as string[],
    otherIqns: "",
    disks: [] as number[],
  });
  const unmapped = server.virtualDisks.filter((v) => v.target === null);
  const iqns = [
    ...form.initiators,
    ...form.otherIqns
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  ];

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await submit(
      async () => {
        const { powershell } = await create.mutateAsync({
          hostId: server.id,
          name: form.name,
          initiatorIqns: iqns,
          virtualDiskIds: form.disks,
        });
        onDone(powershell, form.name);
      },
      (issues) => {
        const first = Object.entries(issues).find(([k]) => k.startsWith("initiatorIqns"));
        if (first) issues.initiatorIqns = first[1];
        const disk = Object.entries(issues).find(([k]) => k.startsWith("virtualDiskIds"));
        if (disk) issues.virtualDiskIds = disk[1];
      },
    );
  }

  const toggle = <K extends "initiators" | "disks">(key: K, value: (typeof form)[K][number], on: boolean) =>
    setForm((f) => ({
      ...f,
      [key]: on ? [...f[key], value] : (f[key] as unknown[]).filter((x) => x !== value),
    }));

  return (
    <Panel title="New iSCSI target" onClose={onClose} wide>
      <form aria-label="New iSCSI target" onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
        {failure ? <MessageBar kind="error">{failure}</MessageBar> : null}
        <Field label="Target name" required error={errors.name}>
          {(p) => <input {...p} value={form.name} onChange={set("name")} autoComplete="off" />}
        </Field>
        <fieldset aria-describedby={errors.initiatorIqns ? "target-initiators-error" : undefined}>
          <legend className="mb-1 font-semibold">Initiators allowed to connect</legend>
          {server.initiatorCandidates.map((c) => (
            <label key={c.iqn} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={form.initiators.includes(c.iqn)}
                onChange={(e) => toggle("initiators", c.iqn, e.target.checked)}
              />
              {c.name} <span className="font-mono text-sm text-fg-muted">{c.iqn}</span>
            </label>
          ))}
          {errors.initiatorIqns ? (
            <span id="target-initiators-error" className="text-sm text-danger">
              {errors.initiatorIqns}
            </span>
          ) : null}
        </fieldset>
        <Field label="Other initiator IQNs" hint="One per line, for initiators outside the inventory">
          {(p) => (
            <textarea
              {...p}
              className={`${p.className} h-16 py-1`}
              value={form.otherIqns}
              onChange={set("otherIqns")}
            />
          )}
        </Field>
        <fieldset aria-describedby={errors.virtualDiskIds ? "target-disks-error" : undefined}>
          <legend className="mb-1 font-semibold">Virtual disks to map</legend>
          {unmapped.length === 0 ? (
            <p className="text-fg-muted">Every virtual disk is mapped to a target already.</p>
          ) : (
            unmapped.map((v) => (
              <label key={v.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={form.disks.includes(v.id)}
                  onChange={(e) => toggle("disks", v.id, e.target.checked)}
                />
                <span className="font-mono text-sm">{v.path}</span> ({formatGiB(v.sizeGiB)})
              </label>
            ))
          )}
          {errors.virtualDiskIds ? (
            <span id="target-disks-error" className="text-sm text-danger">
              {errors.virtualDiskIds}
            </span>
          ) : null}
        </fieldset>
        <PowerShellBlock
          script={newIscsiTargetScript({
            server: server.name,
            name: form.name,
            initiators: iqns,
            virtualDiskPaths: unmapped.filter((v) => form.disks.includes(v.id)).map((v) => v.path),
          })}
        />
        <div className="mt-2 flex gap-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Create
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Panel>
  );
}
