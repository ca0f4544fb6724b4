"use client";
import { useRouter } from "next/navigation";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { MessageBar } from "@/components/ui/states";
import { useApiForm } from "@/lib/client/use-api-form";
import { useClusterIf, useCreateVm, useHostIf } from "@/lib/client/use-estate";
import { useHosts } from "@/lib/client/use-hosts";
import type { VmScope } from "@/lib/client/use-vms";
import { newVmScript } from "@/lib/hyperv/estate-powershell";
import { csvContaining, LOCAL_VM_FOLDER, newVhdPath } from "@/lib/hyperv/high-availability";

/** A size typed in GB as MiB (0.5 -> 512); anything else goes to the server as typed, to be refused there. */
function gbToMiB(text: string): number | string {
  const t = text.trim();
  return /^[0-9]+(\.[0-9]+)?$/.test(t) ? Math.round(Number(t) * 1024) : t;
}
function wholeOrRaw(text: string): number | string {
  const t = text.trim();
  return /^[0-9]+$/.test(t) ? Number(t) : t;
}

/**
 * New virtual machine (WAC: Virtual machines > Add > New). On a cluster the files can go on a
 * Cluster Shared Volume and the VM becomes highly available; on local storage the server refuses
 * that with Failover Clustering's reason.
 */
export function NewVmPanel({ scope, base, onClose }: { scope: VmScope; base: string; onClose: () => void }) {
  const router = useRouter();
  const create = useCreateVm();
  const scopeHost = useHostIf(scope.hostId ?? null);
  const clusterId = scope.clusterId ?? scopeHost.data?.cluster?.id ?? null;
  const cluster = useClusterIf(clusterId);
  const everyHost = useHosts();
  // A cluster offers its nodes, a server itself; All virtual machines, every Hyper-V host.
  const nodes = scope.clusterId
    ? (cluster.data?.nodes ?? [])
    : scope.hostId
      ? scopeHost.data
        ? [{ id: scopeHost.data.id, name: scopeHost.data.name }]
        : []
      : (everyHost.data?.items ?? []).filter((h) => h.roles.includes("Hyper-V"));
  const { form, setForm, set, errors, failure, submit } = useApiForm({
    name: "",
    hostId: "",
    generation: "2",
    memoryGB: "4",
    dynamicMemory: false,
    minimumGB: "1",
    maximumGB: "8",
    vcpus: "2",
    switchName: "Production",
    folder: "",
    diskSizeGB: "127",
    highlyAvailable: Boolean(scope.clusterId),
  });
  const hostId = Number(form.hostId || nodes[0]?.id || 0);
  const host = useHostIf(hostId || null);
  const hostCluster = useClusterIf(host.data?.cluster?.id ?? null);
  const volumes = hostCluster.data?.volumes ?? [];
  const switches = host.data?.switches.map((s) => s.name) ?? [];
  // The default folder is known once the host and its cluster's volumes are: until then the field
  // is empty, not the local folder a Cluster Shared Volume would replace under a user who typed it
  // (typing the value a field already shows is no change, so it would not be kept).
  const defaultsKnown = host.data !== undefined && !hostCluster.isLoading;
  const folder = form.folder || (defaultsKnown ? volumes[0]?.path || LOCAL_VM_FOLDER : "");
  const vmName = form.name || "VM1";
  const vhdPath = newVhdPath(folder, vmName);
  const onCsv = Boolean(csvContaining(folder, volumes));
  const memory = gbToMiB(form.memoryGB);
  const min = gbToMiB(form.minimumGB);
  const max = gbToMiB(form.maximumGB);
  const clusterName = host.data?.cluster?.name ?? null;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await submit(
      async () => {
        const { vm } = await create.mutateAsync({
          name: form.name,
          hostId,
          generation: Number(form.generation),
          memoryMiB: memory,
          dynamicMemory: form.dynamicMemory ? { minimumMiB: min, maximumMiB: max } : null,
          vcpus: wholeOrRaw(form.vcpus),
          switchName: form.switchName || null,
          folder,
          diskSizeGiB: wholeOrRaw(form.diskSizeGB),
          highlyAvailable: form.highlyAvailable && clusterName !== null,
        });
        onClose();
        router.push(`${base}/${vm.id}`);
      },
      (issues) => {
        if (issues.memoryMiB) issues.memoryGB = issues.memoryMiB;
        if (issues["dynamicMemory.minimumMiB"]) issues.minimumGB = issues["dynamicMemory.minimumMiB"];
        if (issues["dynamicMemory.maximumMiB"]) issues.maximumGB = issues["dynamicMemory.maximumMiB"];
        if (issues.diskSizeGiB) issues.diskSizeGB = issues.diskSizeGiB;
      },
    );
  }

  return (
    <Panel title="New virtual machine" onClose={onClose} wide>
      <form aria-label="New virtual machine" onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
        {failure ? <MessageBar kind="error">{failure}</MessageBar> : null}
        <Field label="Name" required error={errors.name}>
          {(p) => <input {...p} value={form.name} onChange={set("name")} autoComplete="off" />}
        </Field>
        <Field label="Host" error={errors.hostId}>
          {(p) => (
            <select {...p} value={String(hostId || "")} onChange={set("hostId")}>
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend className="mb-1 font-semibold">Generation</legend>
          {(["1", "2"] as const).map((g) => (
            <label key={g} className="flex items-center gap-2">
              <input
                type="radio"
                name="generation"
                checked={form.generation === g}
                onChange={() => setForm((f) => ({ ...f, generation: g }))}
              />
              Generation {g}
            </label>
          ))}
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Startup memory (GB)" error={errors.memoryGB}>
            {(p) => <input {...p} inputMode="decimal" value={form.memoryGB} onChange={set("memoryGB")} />}
          </Field>
          <Field label="Virtual processors" error={errors.vcpus}>
            {(p) => <input {...p} inputMode="numeric" value={form.vcpus} onChange={set("vcpus")} />}
          </Field>
        </div>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={form.dynamicMemory}
            onChange={(e) => {
              const on = e.target.checked;
              setForm((f) => ({ ...f, dynamicMemory: on }));
            }}
          />
          Use Dynamic Memory
        </label>
        {form.dynamicMemory ? (
          <div className="grid grid-cols-2 gap-3">
            <Field label="Minimum memory (GB)" error={errors.minimumGB}>
              {(p) => <input {...p} inputMode="decimal" value={form.minimumGB} onChange={set("minimumGB")} />}
            </Field>
            <Field label="Maximum memory (GB)" error={errors.maximumGB}>
              {(p) => <input {...p} inputMode="decimal" value={form.maximumGB} onChange={set("maximumGB")} />}
            </Field>
          </div>
        ) : null}
        <Field label="Virtual switch" error={errors.switchName}>
          {(p) => (
            <select {...p} value={form.switchName} onChange={set("switchName")}>
              <option value="">Not connected</option>
              {switches.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Path"
          error={errors.folder}
          hint={`Files of the VM go here; its new disk is ${vhdPath}${onCsv ? " (on a Cluster Shared Volume)" : ""}`}
        >
          {(p) => <input {...p} value={form.folder || folder} onChange={set("folder")} />}
        </Field>
        <Field label="New disk size (GB)" error={errors.diskSizeGB}>
          {(p) => <input {...p} inputMode="numeric" value={form.diskSizeGB} onChange={set("diskSizeGB")} />}
        </Field>
        {clusterName ? (
          <div className="flex flex-col gap-1">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={form.highlyAvailable}
                aria-invalid={Boolean(errors.highlyAvailable)}
                aria-describedby={errors.highlyAvailable ? "new-vm-ha-error" : undefined}
                onChange={(e) => {
                  const on = e.target.checked;
                  setForm((f) => ({ ...f, highlyAvailable: on }));
                }}
              />
              Make this virtual machine highly available in {clusterName}
            </label>
            {errors.highlyAvailable ? (
              <span id="new-vm-ha-error" className="text-sm text-danger">
                {errors.highlyAvailable}
              </span>
            ) : null}
          </div>
        ) : null}
        <PowerShellBlock
          script={newVmScript({
            name: vmName,
            host: host.data?.name ?? "HV1",
            generation: form.generation === "1" ? 1 : 2,
            memoryMiB: typeof memory === "number" ? memory : 0,
            dynamicMemory:
              form.dynamicMemory && typeof min === "number" && typeof max === "number"
                ? { minimumMiB: min, maximumMiB: max }
                : null,
            vcpus: Number(form.vcpus) || 1,
            switchName: form.switchName || null,
            folder,
            vhdPath,
            vhdSizeGiB: Number(form.diskSizeGB) || 0,
            cluster: form.highlyAvailable ? clusterName : null,
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
