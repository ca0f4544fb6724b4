"use client";
import { CircleCheck, CircleX, ShieldCheck, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SimpleTable } from "@/components/ui/simple-table";
import { MessageBar } from "@/components/ui/states";
import { useApiForm } from "@/lib/client/use-api-form";
import { useCreateCluster } from "@/lib/client/use-clusters";
import { useValidateCluster } from "@/lib/client/use-estate";
import { useHosts } from "@/lib/client/use-hosts";
import type { TestResult, ValidationTest, WitnessChoice } from "@/lib/hyperv/cluster-validation";
import { newClusterScript } from "@/lib/hyperv/estate-powershell";
import type { ClusterValidation } from "@/lib/inventory/cluster-create";

const NETWORK_ROLES: Record<string, string> = {
  ClusterAndClient: "Cluster and Client",
  ClusterOnly: "Cluster Only",
  None: "None",
};

const RESULT = {
  Success: { icon: CircleCheck, className: "text-success" },
  Warning: { icon: TriangleAlert, className: "text-warning" },
  Failed: { icon: CircleX, className: "text-danger" },
} as const satisfies Record<TestResult, unknown>;

function ResultCell({ result }: { result: TestResult }) {
  const { icon: Icon, className } = RESULT[result];
  return (
    <span className="inline-flex items-center gap-1.5">
      <Icon aria-hidden size={14} className={className} />
      {result}
    </span>
  );
}

/** Test-Cluster's report: one row per test, the messages under it. */
export function ValidationReportView({ report }: { report: ClusterValidation }) {
  const summary =
    report.failed > 0
      ? `Validation failed: ${report.failed} test(s) failed. Fix what they report, then validate again.`
      : report.warnings > 0
        ? `Validation passed with ${report.warnings} warning(s). Warnings do not stop the cluster from being created.`
        : "Validation passed. The nodes are suitable for a cluster.";
  return (
    <section aria-label="Validation report" className="flex flex-col gap-2">
      <MessageBar kind={report.failed > 0 ? "error" : report.warnings > 0 ? "warning" : "success"}>
        {summary}
      </MessageBar>
      <SimpleTable<ValidationTest>
        label="Validation tests"
        rows={report.tests}
        rowKey={(t) => t.id}
        columns={[
          { header: "Category", render: (t) => t.category },
          {
            header: "Test",
            render: (t) => (
              <div className="py-1">
                <div>{t.name}</div>
                {t.messages.map((m) => (
                  <div key={m} className="text-sm text-fg-muted">
                    {m}
                  </div>
                ))}
              </div>
            ),
          },
          { header: "Result", render: (t) => <ResultCell result={t.result} /> },
        ]}
      />
    </section>
  );
}

type WitnessType = WitnessChoice["type"];

/**
 * Create a cluster (WAC: Add > Server clusters > Create new): choose the nodes, validate them
 * (Test-Cluster), then name, static address and quorum witness. The server validates again.
 */
export function CreateClusterForm({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const hosts = useHosts();
  const validate = useValidateCluster();
  const create = useCreateCluster();
  const { form, set, errors, failure, submit } = useApiForm({
    name: "",
    ipAddress: "",
    witnessType: "fileShare" as WitnessType,
    witnessPath: "\\\\DC1\\Witness",
    witnessDisk: "",
  });
  const [nodeIds, setNodeIds] = useState<number[]>([]);
  const [validatedFor, setValidatedFor] = useState<string | null>(null);
  const candidates = (hosts.data?.items ?? []).filter((h) => h.cluster === null);
  const report = validate.data;
  const current = [...nodeIds].sort((a, b) => a - b).join(",");
  const upToDate = report !== undefined && validatedFor === current;
  const names = nodeIds.map((id) => candidates.find((h) => h.id === id)?.name ?? String(id));

  function toggle(id: number, on: boolean) {
    setNodeIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  }

  async function runValidation() {
    const ran = await validate.mutateAsync(nodeIds).catch(() => null);
    if (ran) setValidatedFor(current);
  }

  const witness: WitnessChoice =
    form.witnessType === "disk"
      ? { type: "disk", virtualDiskId: Number(form.witnessDisk) }
      : form.witnessType === "fileShare"
        ? { type: "fileShare", path: form.witnessPath }
        : { type: "none" };

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await submit(
      async () => {
        const created = await create.mutateAsync({
          name: form.name,
          ipAddress: form.ipAddress,
          nodeIds,
          witness,
        });
        onClose();
        router.push(`/clusters/${created.cluster.id}`);
      },
      (issues) => {
        if (issues["witness.path"]) issues.witnessPath = issues["witness.path"];
        if (issues["witness.virtualDiskId"]) issues.witnessDisk = issues["witness.virtualDiskId"];
        const nodeIssue = Object.entries(issues).find(([k]) => k.startsWith("nodeIds"));
        if (nodeIssue) issues.nodeIds = nodeIssue[1];
      },
    );
  }

  const blocked = !upToDate
    ? "Validate the chosen nodes first."
    : !report?.canCreate
      ? "Validation failed: fix the failed tests and validate again."
      : undefined;

  return (
    <form aria-label="Create cluster" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {failure ? <MessageBar kind="error">{failure}</MessageBar> : null}
      <fieldset aria-describedby={errors.nodeIds ? "cluster-nodes-error" : undefined}>
        <legend className="mb-1 font-semibold">1. Nodes</legend>
        {candidates.length === 0 ? (
          <p className="text-fg-muted">Every server is already in a cluster.</p>
        ) : (
          candidates.map((h) => (
            <label key={h.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={nodeIds.includes(h.id)}
                onChange={(e) => toggle(h.id, e.target.checked)}
              />
              {h.name}
              <span className="text-sm text-fg-muted">
                {h.osVersion}; {h.roles.join(", ") || "no roles"}
              </span>
            </label>
          ))
        )}
        {errors.nodeIds ? (
          <span id="cluster-nodes-error" className="text-sm text-danger">
            {errors.nodeIds}
          </span>
        ) : null}
      </fieldset>

      <section aria-label="Validate" className="flex flex-col gap-2">
        <h3 className="font-semibold">2. Validate the configuration</h3>
        <p className="text-sm text-fg-muted">
          Test-Cluster checks the nodes as they are now: their domain, Windows edition and version, the
          networks they share, the disks they all reach and the Hyper-V role. Failed tests block the cluster;
          warnings do not.
        </p>
        <div>
          <Button
            icon={ShieldCheck}
            disabled={nodeIds.length === 0 || validate.isPending}
            onClick={() => void runValidation()}
          >
            Validate
          </Button>
        </div>
        {validate.error ? <MessageBar kind="error">{validate.error.message}</MessageBar> : null}
        {report && !upToDate ? (
          <MessageBar kind="warning">The nodes changed since the last validation: validate again.</MessageBar>
        ) : null}
        {report && upToDate ? <ValidationReportView report={report} /> : null}
        {report && upToDate && report.networks.length > 0 ? (
          <SimpleTable
            label="Cluster networks"
            rows={report.networks}
            rowKey={(n) => n.subnet}
            columns={[
              { header: "Name", render: (n) => n.name },
              { header: "Subnet", render: (n) => n.subnet },
              { header: "Cluster use", render: (n) => NETWORK_ROLES[n.role] ?? n.role },
              { header: "Live migration order", render: (n) => n.liveMigrationOrder ?? "Not used" },
            ]}
          />
        ) : null}
      </section>

      <section aria-label="Name and address" className="flex flex-col gap-3">
        <h3 className="font-semibold">3. Name and address</h3>
        <Field
          label="Cluster name"
          required
          error={errors.name}
          hint="A computer name of up to 15 characters, e.g. CLUSTER1"
        >
          {(p) => <input {...p} value={form.name} onChange={set("name")} autoComplete="off" />}
        </Field>
        <Field
          label="Static IP address"
          required
          error={errors.ipAddress}
          hint="An unused address in the network that carries clients, e.g. 10.0.0.20"
        >
          {(p) => <input {...p} value={form.ipAddress} onChange={set("ipAddress")} autoComplete="off" />}
        </Field>
      </section>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-semibold">4. Quorum witness</legend>
        {(
          [
            ["fileShare", "File share witness"],
            ["disk", "Disk witness"],
            ["none", "No witness"],
          ] as const
        ).map(([type, label]) => (
          <label key={type} className="flex items-center gap-2">
            <input
              type="radio"
              name="witness"
              checked={form.witnessType === type}
              onChange={() => set("witnessType")({ target: { value: type } })}
            />
            {label}
          </label>
        ))}
        {form.witnessType === "fileShare" ? (
          <Field
            label="File share path"
            error={errors.witnessPath}
            hint="A share on a server outside the cluster"
          >
            {(p) => <input {...p} value={form.witnessPath} onChange={set("witnessPath")} />}
          </Field>
        ) : null}
        {form.witnessType === "disk" ? (
          <Field label="Witness disk" error={errors.witnessDisk} hint="A formatted disk every node reaches">
            {(p) => (
              <select {...p} value={form.witnessDisk} onChange={set("witnessDisk")}>
                <option value="">Choose a shared disk</option>
                {(upToDate ? (report?.sharedDisks ?? []) : []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.server}: {d.path}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {form.witnessType === "none" && upToDate && report?.noWitnessWarning ? (
          <MessageBar kind="warning">{report.noWitnessWarning}</MessageBar>
        ) : null}
      </fieldset>

      {nodeIds.length > 0 ? (
        <PowerShellBlock
          script={newClusterScript({
            name: form.name || "CLUSTER1",
            nodes: names,
            staticAddress: form.ipAddress || "10.0.0.20",
            witness,
            witnessDiskName: "Cluster Disk 1",
            noStorage: upToDate ? (report?.sharedDisks.length ?? 0) === 0 : false,
          })}
        />
      ) : null}

      <div className="mt-2 flex gap-2">
        <Button type="submit" variant="primary" unavailable={blocked} disabled={create.isPending}>
          Create
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
      {report && upToDate && report.sharedDisks.length > 0 ? (
        <p className="text-sm text-fg-muted">
          New-Cluster also adds every formatted disk all the nodes reach to Available Storage.
        </p>
      ) : null}
    </form>
  );
}
