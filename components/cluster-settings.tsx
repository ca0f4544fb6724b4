"use client";
import { ArrowDown, ArrowUp } from "lucide-react";
import { useState } from "react";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { ApiError } from "@/lib/client/api";
import { useCluster, useUpdateCluster } from "@/lib/client/use-clusters";
import { useRefusal } from "@/lib/client/use-session";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import { clusterSettingsScript, liveMigrationList } from "@/lib/hyperv/cluster-settings";
import type { ClusterDetail } from "@/lib/inventory/clusters";
import type { UpdateClusterInput } from "@/lib/schemas/cluster";
import { MAX_PARALLEL_MIGRATIONS } from "@/lib/schemas/values";

const NETWORK_ROLES: Record<string, string> = {
  ClusterAndClient: "Cluster and Client",
  ClusterOnly: "Cluster Only",
  None: "None",
};

/** Cluster > Settings: Failover Cluster Manager's Live Migration Settings and the cluster's limit. */
export function ClusterSettings({ id }: { id: number }) {
  const { data, error, isPending, refetch } = useCluster(id);
  // Kept here: a save gives the form a new key (fresh from the stored settings), the notice stays.
  const [notice, setNotice] = useState<Notice>(null);
  if (isPending) return <Loading label="Loading cluster settings" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  // A fresh form whenever the stored settings change (after a save, or a change made elsewhere).
  const key = `${data.maxParallelMigrations}:${data.networks.map((n) => `${n.id}=${n.liveMigrationOrder}`).join(",")}`;
  return <SettingsForm key={key} cluster={data} notice={notice} setNotice={setNotice} />;
}

type Notice = { kind: "error" | "success"; text: string } | null;

interface FormState {
  maxParallelMigrations: string;
  networks: { id: number; name: string; subnet: string; role: string; used: boolean }[];
}

function initialOf(cluster: ClusterDetail): FormState {
  return {
    maxParallelMigrations: String(cluster.maxParallelMigrations),
    networks: liveMigrationList(cluster.networks).map(({ id, name, subnet, role, used }) => ({
      id,
      name,
      subnet,
      role,
      used,
    })),
  };
}

const sameNetworks = (a: FormState["networks"], b: FormState["networks"]) =>
  a.length === b.length && a.every((n, i) => n.id === b[i]?.id && n.used === b[i]?.used);

/** The form's whole number, or the text as typed (the server says what is wrong with it). */
function limitOf(text: string): number | string {
  return /^\s*[0-9]+\s*$/.test(text) ? Number(text) : text;
}

/** A field error the browser can tell without asking the server. */
function limitProblem(text: string): string | undefined {
  const value = limitOf(text);
  if (typeof value !== "number" || value < 1 || value > MAX_PARALLEL_MIGRATIONS) {
    return `Enter a whole number from 1 to ${MAX_PARALLEL_MIGRATIONS}.`;
  }
  return undefined;
}

function SettingsForm({
  cluster,
  notice,
  setNotice,
}: {
  cluster: ClusterDetail;
  notice: Notice;
  setNotice: (notice: Notice) => void;
}) {
  const update = useUpdateCluster(cluster.id);
  const adminRefusal = useRefusal("Administrator");
  const initial = initialOf(cluster);
  const [form, setForm] = useState<FormState>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const limitChanged = limitOf(form.maxParallelMigrations) !== cluster.maxParallelMigrations;
  const networksChanged = !sameNetworks(form.networks, initial.networks);
  const dirty = limitChanged || networksChanged;
  useUnsavedChanges(dirty);

  const localLimitError = limitChanged ? limitProblem(form.maxParallelMigrations) : undefined;
  const noneTicked = !form.networks.some((n) => n.used) && form.networks.length > 0;
  const script =
    localLimitError || noneTicked
      ? ""
      : clusterSettingsScript({
          cluster: cluster.name,
          ...(limitChanged ? { maxParallelMigrations: limitOf(form.maxParallelMigrations) as number } : {}),
          ...(networksChanged ? { networks: form.networks } : {}),
        });

  function move(index: number, step: -1 | 1) {
    setForm((f) => {
      const networks = [...f.networks];
      const [moved] = networks.splice(index, 1);
      if (moved) networks.splice(index + step, 0, moved);
      return { ...f, networks };
    });
  }

  async function save() {
    setNotice(null);
    const problems: Record<string, string> = {};
    if (localLimitError) problems.maxParallelMigrations = localLimitError;
    if (noneTicked) problems.liveMigrationNetworks = "Tick at least one network for live migration.";
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setNotice({ kind: "error", text: Object.values(problems).join(" ") });
      return;
    }
    const body: Record<string, unknown> = {};
    if (limitChanged) body.maxParallelMigrations = limitOf(form.maxParallelMigrations);
    if (networksChanged) body.liveMigrationNetworks = form.networks.map((n) => ({ id: n.id, used: n.used }));
    try {
      await update.mutateAsync(body as UpdateClusterInput);
      setNotice({ kind: "success", text: `Settings of ${cluster.name} saved.` });
    } catch (e) {
      if (e instanceof ApiError) {
        const issues = e.fieldIssues();
        const networkIssue = Object.entries(issues).find(([path]) =>
          path.startsWith("liveMigrationNetworks"),
        );
        if (networkIssue) issues.liveMigrationNetworks = networkIssue[1];
        setErrors(issues);
        setNotice({ kind: "error", text: [e.message, ...new Set(Object.values(issues))].join(" ") });
      } else setNotice({ kind: "error", text: String(e) });
    }
  }

  return (
    <div className="pb-8">
      <ToolHeader title="Settings">
        <p className="text-fg-muted">
          {cluster.name}: how live migrations between its nodes run. A saved change applies to moves that
          start afterwards.
        </p>
      </ToolHeader>
      <div className="flex max-w-3xl flex-col gap-4 px-6 pt-2">
        <Card title="Live migration networks">
          <p id="lm-networks-help" className="mb-3 text-fg-muted">
            Live migrations between nodes use the first ticked network, in this order, that both nodes are on.
            An unticked network is never used for live migration.
          </p>
          <table
            aria-label="Live migration networks"
            aria-describedby="lm-networks-help"
            className="w-full text-left"
          >
            <thead>
              <tr className="border-b border-border">
                <th className="py-1 pr-2 font-semibold">Use</th>
                <th className="py-1 pr-2 font-semibold">Order</th>
                <th className="py-1 pr-2 font-semibold">Name</th>
                <th className="py-1 pr-2 font-semibold">Subnet</th>
                <th className="py-1 pr-2 font-semibold">Cluster use</th>
                <th className="py-1 font-semibold">
                  <span className="sr-only">Move</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.networks.map((n, i) => (
                <tr key={n.id} className="h-9 border-b border-border">
                  <td className="pr-2">
                    <input
                      type="checkbox"
                      aria-label={`Use ${n.name} for live migration`}
                      checked={n.used}
                      onChange={(e) =>
                        setForm((f) => ({
                          ...f,
                          networks: f.networks.map((x) =>
                            x.id === n.id ? { ...x, used: e.target.checked } : x,
                          ),
                        }))
                      }
                    />
                  </td>
                  <td className="pr-2 tabular-nums">{i + 1}</td>
                  <td className="pr-2">{n.name}</td>
                  <td className="pr-2 font-mono text-sm">{n.subnet}</td>
                  <td className="pr-2">{NETWORK_ROLES[n.role] ?? n.role}</td>
                  <td className="whitespace-nowrap">
                    <button
                      type="button"
                      aria-label={`Move ${n.name} up`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      className="rounded-sm p-1 hover:bg-hover disabled:text-fg-muted disabled:hover:bg-transparent"
                    >
                      <ArrowUp aria-hidden size={16} />
                    </button>
                    <button
                      type="button"
                      aria-label={`Move ${n.name} down`}
                      disabled={i === form.networks.length - 1}
                      onClick={() => move(i, 1)}
                      className="rounded-sm p-1 hover:bg-hover disabled:text-fg-muted disabled:hover:bg-transparent"
                    >
                      <ArrowDown aria-hidden size={16} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {form.networks.length === 0 ? <p className="text-fg-muted">This cluster has no networks.</p> : null}
          {errors.liveMigrationNetworks ? (
            <p role="alert" className="mt-2 text-sm text-danger">
              {errors.liveMigrationNetworks}
            </p>
          ) : null}
        </Card>
        <Card title="Simultaneous migrations">
          <div className="max-w-sm">
            <Field
              label="Simultaneous live migrations"
              error={errors.maxParallelMigrations}
              hint={`The cluster's MaximumParallelMigrations: live and quick migrations between its nodes at once (1 to ${MAX_PARALLEL_MIGRATIONS}); more wait in the queue.`}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={form.maxParallelMigrations}
                  onChange={(e) => setForm((f) => ({ ...f, maxParallelMigrations: e.target.value }))}
                />
              )}
            </Field>
          </div>
        </Card>
        {script ? <PowerShellBlock script={script} level={2} /> : null}
        {notice ? <MessageBar kind={notice.kind}>{notice.text}</MessageBar> : null}
        <div className="flex gap-2">
          <Button
            variant="primary"
            unavailable={adminRefusal}
            disabled={!dirty || update.isPending}
            onClick={() => void save()}
          >
            Save
          </Button>
          <Button
            disabled={!dirty || update.isPending}
            onClick={() => {
              setForm(initial);
              setErrors({});
              setNotice(null);
            }}
          >
            Discard
          </Button>
        </div>
      </div>
    </div>
  );
}
