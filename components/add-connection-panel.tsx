"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CreateClusterForm } from "@/components/create-cluster-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { MessageBar } from "@/components/ui/states";
import { useApiForm } from "@/lib/client/use-api-form";
import { useCreateHost } from "@/lib/client/use-hosts";
import { HOST_ROLES } from "@/lib/schemas/values";

type Kind = "server" | "cluster";

/** Whole numbers typed in a form; anything else goes to the server as typed, to be refused there. */
function numberOrRaw(text: string): number | string {
  const t = text.trim();
  return /^-?[0-9]+$/.test(t) ? Number(t) : t;
}

function splitTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

export function AddConnectionPanel({
  onClose,
  initialKind = "server",
}: {
  onClose: () => void;
  initialKind?: Kind;
}) {
  const [kind, setKind] = useState<Kind>(initialKind);
  return (
    <Panel title="Add or create resources" onClose={onClose} wide={kind === "cluster"}>
      <fieldset className="mb-4 flex gap-6">
        <legend className="mb-2 font-semibold">Resource type</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" checked={kind === "server"} onChange={() => setKind("server")} />
          Server
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" checked={kind === "cluster"} onChange={() => setKind("cluster")} />
          Server cluster (create new)
        </label>
      </fieldset>
      {kind === "server" ? <AddServerForm onClose={onClose} /> : <CreateClusterForm onClose={onClose} />}
    </Panel>
  );
}

function AddServerForm({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const create = useCreateHost();
  const {
    form,
    setForm,
    set,
    errors,
    failure,
    submit: submitForm,
  } = useApiForm({
    name: "",
    managementIp: "",
    osVersion: "Windows Server 2022 Datacenter",
    cpuVendor: "Intel",
    cpuModel: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
    cpuFeatureLevel: "Ice Lake",
    logicalProcessors: "32",
    memoryGiB: "128",
    roles: ["Hyper-V"] as string[],
    tags: "",
  });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const memory = numberOrRaw(form.memoryGiB);
    await submitForm(
      async () => {
        const host = await create.mutateAsync({
          name: form.name,
          managementIp: form.managementIp,
          osVersion: form.osVersion as never,
          cpuVendor: form.cpuVendor as never,
          cpuModel: form.cpuModel,
          cpuFeatureLevel: form.cpuFeatureLevel,
          logicalProcessors: numberOrRaw(form.logicalProcessors) as number,
          memoryMiB: (typeof memory === "number" ? memory * 1024 : memory) as number,
          roles: form.roles as never,
          tags: splitTags(form.tags),
        });
        onClose();
        router.push(`/servers/${host.id}`);
      },
      (issues) => {
        if (issues.memoryMiB) issues.memoryGiB = issues.memoryMiB.replace(/\(([0-9]+) MiB\)/, "").trim();
      },
    );
  }

  return (
    <form aria-label="Add server" onSubmit={submit} noValidate className="flex flex-col gap-3">
      {failure ? <MessageBar kind="error">{failure}</MessageBar> : null}
      <Field
        label="Server name"
        required
        error={errors.name}
        hint="NetBIOS name, up to 15 characters, e.g. HV5"
      >
        {(p) => <input {...p} value={form.name} onChange={set("name")} autoComplete="off" />}
      </Field>
      <Field label="Management IP address" required error={errors.managementIp}>
        {(p) => (
          <input {...p} value={form.managementIp} onChange={set("managementIp")} placeholder="10.0.0.21" />
        )}
      </Field>
      <Field label="Operating system" error={errors.osVersion}>
        {(p) => (
          <select {...p} value={form.osVersion} onChange={set("osVersion")}>
            <option>Windows Server 2019 Datacenter</option>
            <option>Windows Server 2022 Datacenter</option>
            <option>Windows Server 2022 Standard</option>
            <option>Windows Server 2025 Datacenter</option>
          </select>
        )}
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Processor vendor" error={errors.cpuVendor}>
          {(p) => (
            <select {...p} value={form.cpuVendor} onChange={set("cpuVendor")}>
              <option>Intel</option>
              <option>AMD</option>
            </select>
          )}
        </Field>
        <Field label="Processor generation" error={errors.cpuFeatureLevel}>
          {(p) => <input {...p} value={form.cpuFeatureLevel} onChange={set("cpuFeatureLevel")} />}
        </Field>
      </div>
      <Field label="Processor model" error={errors.cpuModel}>
        {(p) => <input {...p} value={form.cpuModel} onChange={set("cpuModel")} />}
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Logical processors" error={errors.logicalProcessors}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={form.logicalProcessors}
              onChange={set("logicalProcessors")}
            />
          )}
        </Field>
        <Field label="Memory (GB)" error={errors.memoryGiB}>
          {(p) => <input {...p} inputMode="numeric" value={form.memoryGiB} onChange={set("memoryGiB")} />}
        </Field>
      </div>
      <fieldset>
        <legend className="mb-1 font-semibold">Roles</legend>
        <div className="grid grid-cols-2 gap-1">
          {HOST_ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={form.roles.includes(role)}
                onChange={(e) =>
                  setForm((f) => ({
                    ...f,
                    roles: e.target.checked ? [...f.roles, role] : f.roles.filter((r) => r !== role),
                  }))
                }
              />
              {role}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Tags" error={errors.tags ?? errors["tags.0"]} hint="Separate tags with commas">
        {(p) => <input {...p} value={form.tags} onChange={set("tags")} />}
      </Field>
      <div className="mt-2 flex gap-2">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Add
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
