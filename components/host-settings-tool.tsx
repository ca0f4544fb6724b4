"use client";
import { ArrowDown, ArrowUp, KeyRound, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { delegationSummary, inEffect, pendingText } from "@/components/active-directory/view";
import {
  checkForm,
  formDirty,
  formIssues,
  formOf,
  type NetworkRow,
  type SettingsForm,
  settingsOf,
} from "@/components/host-settings/form";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { type NamedScript, PowerShellScripts } from "@/components/powershell-scripts";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { ApiError } from "@/lib/client/api";
import { useComputerAccount, useComputerAccounts, usePurgeTickets } from "@/lib/client/use-active-directory";
import { useHost, useUpdateHostSettings } from "@/lib/client/use-hosts";
import { useNow } from "@/lib/client/use-now";
import { useRefusal } from "@/lib/client/use-session";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import {
  AUTH_LABELS,
  type AuthProtocol,
  type HostMigrationSettings,
  moveNetwork,
  nextPriority,
  PERFORMANCE_LABELS,
  type PerformanceOption,
} from "@/lib/hyperv/host-settings";
import {
  hostSettingsFullPowerShell,
  hostSettingsPowerShell,
  hostSettingsReadPowerShell,
  purgeTicketsPowerShell,
} from "@/lib/hyperv/powershell";
import type { HostDetail } from "@/lib/inventory/hosts";
import { AUTH_PROTOCOLS, PERFORMANCE_OPTIONS } from "@/lib/schemas/host";

/** Server > Settings: Windows Admin Center's Hyper-V Host Settings, and the lab's own knobs apart. */
export function HostSettingsTool({ id }: { id: number }) {
  const { data: host, error, isPending, refetch } = useHost(id);
  if (isPending) return <Loading label="Loading settings" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  return (
    <div className="pb-8">
      <ToolHeader title="Settings" />
      {host.migration ? (
        <HostSettingsForm key={host.id} host={host} saved={settingsOf(host.migration)} />
      ) : (
        <div className="px-6">
          <p className="text-fg-muted">
            {host.name} does not have the Hyper-V role, so it has no Hyper-V Host Settings.
          </p>
        </div>
      )}
    </div>
  );
}

/** What Hyper-V Manager says under each performance option (paraphrased). */
const PERFORMANCE_HINTS: Record<PerformanceOption, string> = {
  TCPIP: "The memory of the virtual machine is copied to the destination over a TCP/IP connection.",
  Compression:
    "The memory is compressed, then copied over a TCP/IP connection: fewer bytes on the wire for some CPU.",
  SMB: "The memory is copied over SMB 3: SMB Direct when the network adapters at both ends have RDMA, SMB Multichannel otherwise.",
};
const AUTH_HINTS: Record<AuthProtocol, string> = {
  CredSSP: "Needs no delegation, but a move must be started from a session signed in on the source server.",
  Kerberos:
    "Moves can be started from anywhere, once the source's computer account is trusted for constrained delegation in Active Directory.",
};

function HostSettingsForm({ host, saved: initial }: { host: HostDetail; saved: HostMigrationSettings }) {
  const update = useUpdateHostSettings(host.id);
  const adminRefusal = useRefusal("Administrator");
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState<SettingsForm>(() => formOf(initial));
  // Field messages appear once Save was tried, then follow the typing; the server's until the next edit.
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const loaded = formOf(saved);
  const dirty = formDirty(form, loaded);
  useUnsavedChanges(dirty);

  const checked = checkForm(form);
  const shownErrors = { ...serverErrors, ...(tried && !checked.ok ? checked.errors : {}) };
  const script = checked.ok ? hostSettingsPowerShell(host.name, saved, checked.settings) : "";

  function edited() {
    setServerErrors({});
    setNotice(null);
  }
  function set<K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    edited();
  }
  function setRows(update: (rows: NetworkRow[]) => NetworkRow[]) {
    setForm((f) => ({ ...f, networks: update(f.networks) }));
    edited();
  }

  async function save(e?: React.FormEvent) {
    e?.preventDefault();
    const now = checkForm(form);
    if (!now.ok) {
      setTried(true);
      setNotice({ kind: "error", text: "Correct the fields marked in red, then save again." });
      return;
    }
    setTried(false);
    try {
      const after = await update.mutateAsync(now.settings);
      const stored = after.migration ? settingsOf(after.migration) : now.settings;
      setSaved(stored);
      setForm(formOf(stored));
      setNotice({
        kind: "success",
        text: `Settings saved. Moves that start from now on use them; a move already running keeps the settings it started with.`,
      });
    } catch (error) {
      if (error instanceof ApiError) {
        setServerErrors(formIssues(error.fieldIssues()));
        setNotice({ kind: "error", text: error.message });
      } else setNotice({ kind: "error", text: String(error) });
    }
  }

  function discard() {
    setForm(loaded);
    setTried(false);
    setServerErrors({});
    setNotice(null);
  }

  const scripts: NamedScript[] = [
    { name: "Get the live-migration settings", script: hostSettingsReadPowerShell(host.name) },
    { name: "Enable live migrations", script: `Enable-VMMigration -ComputerName ${host.name}` },
    { name: "Disable live migrations", script: `Disable-VMMigration -ComputerName ${host.name}` },
    { name: "Apply every saved setting", script: hostSettingsFullPowerShell(host.name, saved) },
    ...(script ? [{ name: "Apply the unsaved changes", script }] : []),
    { name: "Purge the host's Kerberos tickets", script: purgeTicketsPowerShell(host.name) },
  ];

  return (
    <div className="px-6">
      <CommandBar label="Settings">
        <PurgeTickets host={host} />
        <PowerShellScripts tool="Settings" scripts={scripts} note={`For ${host.name}.`} />
      </CommandBar>
      <form
        noValidate
        aria-labelledby="hyperv-host-settings"
        onSubmit={(e) => void save(e)}
        className="max-w-3xl"
      >
        <h2 id="hyperv-host-settings" className="mt-4 text-xl font-semibold">
          Hyper-V Host Settings
        </h2>

        <Section title="Live Migration">
          <Checkbox
            label="Enable incoming and outgoing live migrations"
            checked={form.enabled}
            onChange={(v) => set("enabled", v)}
          />
          <NumberField
            label="Simultaneous live migrations"
            value={form.maxLiveMigrations}
            error={shownErrors.maxLiveMigrations}
            hint={
              host.cluster
                ? `Between nodes of ${host.cluster.name}, the cluster's MaximumParallelMigrations applies instead.`
                : undefined
            }
            onChange={(v) => set("maxLiveMigrations", v)}
          />
          <IncomingNetworks
            host={host.name}
            useAnyNetwork={form.useAnyNetwork}
            rows={form.networks}
            errors={shownErrors}
            onUseAny={(v) => set("useAnyNetwork", v)}
            onRows={setRows}
          />
        </Section>

        <Section title="Advanced">
          <RadioGroup<AuthProtocol>
            legend="Authentication protocol"
            name="authentication"
            value={form.authentication}
            options={AUTH_PROTOCOLS.map((p) => ({ value: p, label: AUTH_LABELS[p], hint: AUTH_HINTS[p] }))}
            onChange={(v) => set("authentication", v)}
          />
          {form.authentication === "Kerberos" ? <DelegationStatus host={host} /> : null}
          <RadioGroup<PerformanceOption>
            legend="Performance options"
            name="performanceOption"
            value={form.performanceOption}
            options={PERFORMANCE_OPTIONS.map((p) => ({
              value: p,
              label: PERFORMANCE_LABELS[p],
              hint: PERFORMANCE_HINTS[p],
            }))}
            onChange={(v) => set("performanceOption", v)}
          />
        </Section>

        <Section title="Storage Migration">
          <NumberField
            label="Simultaneous storage migrations"
            value={form.maxStorageMigrations}
            error={shownErrors.maxStorageMigrations}
            onChange={(v) => set("maxStorageMigrations", v)}
          />
        </Section>

        <section
          aria-labelledby="lab-settings"
          className="mt-6 rounded-sm border border-dashed border-border-strong p-4"
        >
          <h2 id="lab-settings" className="text-xl font-semibold">
            Lab
          </h2>
          <p className="mb-3 text-fg-muted">
            Not Hyper-V settings: knobs of the lab's simulation, kept apart so they are never mistaken for
            Hyper-V's.
          </p>
          <NumberField
            label="Pre-copy pass cap"
            value={form.maxPasses}
            error={shownErrors.maxPasses}
            hint="The lab ends pre-copy after this many passes: 10 as on Windows Server 2008 R2, 5 as on 2012 R2 and later."
            onChange={(v) => set("maxPasses", v)}
          />
        </section>

        {dirty && script ? (
          <div className="mt-6">
            <PowerShellBlock title="PowerShell for these changes" script={script} />
          </div>
        ) : null}
        {notice ? (
          <div className="mt-4">
            <MessageBar kind={notice.kind}>{notice.text}</MessageBar>
          </div>
        ) : null}
        <div className="mt-4 flex gap-2 border-t border-border pt-4">
          <Button
            type="submit"
            variant="primary"
            unavailable={adminRefusal}
            disabled={!dirty || update.isPending}
          >
            Save
          </Button>
          <Button disabled={!dirty} onClick={discard}>
            Discard
          </Button>
        </div>
      </form>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="mt-6">
      <h3 id={id} className="mb-3 border-b border-border pb-1 text-lg font-semibold">
        {title}
      </h3>
      <div className="flex flex-col gap-4">{children}</div>
    </section>
  );
}

function Checkbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-2">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function NumberField({
  label,
  value,
  error,
  hint,
  onChange,
}: {
  label: string;
  value: string;
  error: string | undefined;
  hint?: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div className="max-w-xs">
      <Field label={label} error={error} hint={hint}>
        {(p) => <input {...p} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} />}
      </Field>
    </div>
  );
}

function RadioGroup<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: V;
  options: { value: V; label: string; hint: string }[];
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <fieldset>
      <legend className="mb-2 font-semibold">{legend}</legend>
      <div className="flex flex-col gap-2">
        {options.map((o) => (
          <div key={o.value}>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name={`${id}-${name}`}
                value={o.value}
                checked={value === o.value}
                aria-describedby={`${id}-${o.value}`}
                onChange={() => onChange(o.value)}
              />
              {o.label}
            </label>
            <span id={`${id}-${o.value}`} className="ml-6 block text-sm text-fg-muted">
              {o.hint}
            </span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

const CELL_INPUT =
  "h-8 w-full rounded-sm border border-border-strong bg-surface px-2 text-fg hover:border-fg focus:border-accent focus:outline-none aria-invalid:border-danger disabled:cursor-not-allowed disabled:border-border disabled:bg-subtle disabled:text-fg-muted";

/** "Incoming live migrations": any network, or the listed subnets with their priority. */
function IncomingNetworks({
  host,
  useAnyNetwork,
  rows,
  errors,
  onUseAny,
  onRows,
}: {
  host: string;
  useAnyNetwork: boolean;
  rows: NetworkRow[];
  errors: Record<string, string>;
  onUseAny: (value: boolean) => void;
  onRows: (update: (rows: NetworkRow[]) => NetworkRow[]) => void;
}) {
  const id = useId();
  const listed = !useAnyNetwork;
  const add = () =>
    onRows((r) => [
      ...r,
      {
        key: r.reduce((m, x) => Math.max(m, x.key), 0) + 1,
        subnet: "",
        priority: String(nextPriority(r.map((x) => ({ priority: Number(x.priority) })))),
      },
    ]);
  const move = (index: number, by: -1 | 1) =>
    onRows((r) => {
      const numeric = r.map((x) => ({ ...x, priority: Number(x.priority) }));
      // A priority that is not a number yet cannot be traded: leave the rows as they are.
      if (numeric.some((x) => !Number.isFinite(x.priority))) return r;
      return moveNetwork(numeric, index, by).map((x) => ({ ...x, priority: String(x.priority) }));
    });
  return (
    <fieldset>
      <legend className="mb-2 font-semibold">Incoming live migrations</legend>
      <div className="flex flex-col gap-2">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${id}-incoming`}
            checked={useAnyNetwork}
            onChange={() => onUseAny(true)}
          />
          Use any available network for live migration
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${id}-incoming`}
            checked={!useAnyNetwork}
            onChange={() => onUseAny(false)}
          />
          Use these IP addresses for live migration
        </label>
      </div>
      <div className="mt-3 ml-6">
        <table aria-label="Incoming live migration networks" className="w-full text-left">
          <thead>
            <tr className="border-b border-border">
              <th className="py-1 pr-2 font-semibold">Subnet</th>
              <th className="w-28 py-1 pr-2 font-semibold">Priority</th>
              <th className="w-44 py-1 font-semibold">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const subnetError = errors[`networks.${i}.subnet`];
              const priorityError = errors[`networks.${i}.priority`];
              const n = i + 1;
              return (
                <tr key={row.key} className="border-b border-border align-top">
                  <td className="py-1 pr-2">
                    <input
                      aria-label={`Subnet ${n}`}
                      className={CELL_INPUT}
                      value={row.subnet}
                      disabled={!listed}
                      placeholder="192.168.10.0/24"
                      aria-invalid={Boolean(subnetError)}
                      aria-describedby={subnetError ? `${id}-s${row.key}` : undefined}
                      onChange={(e) =>
                        onRows((r) =>
                          r.map((x) => (x.key === row.key ? { ...x, subnet: e.target.value } : x)),
                        )
                      }
                    />
                    {subnetError ? (
                      <span id={`${id}-s${row.key}`} className="text-sm text-danger">
                        {subnetError}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-1 pr-2">
                    <input
                      aria-label={`Priority ${n}`}
                      inputMode="numeric"
                      className={CELL_INPUT}
                      value={row.priority}
                      disabled={!listed}
                      aria-invalid={Boolean(priorityError)}
                      aria-describedby={priorityError ? `${id}-p${row.key}` : undefined}
                      onChange={(e) =>
                        onRows((r) =>
                          r.map((x) => (x.key === row.key ? { ...x, priority: e.target.value } : x)),
                        )
                      }
                    />
                    {priorityError ? (
                      <span id={`${id}-p${row.key}`} className="text-sm text-danger">
                        {priorityError}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-1">
                    <span className="flex gap-1">
                      <IconButton
                        label={`Move subnet ${n} up`}
                        icon={ArrowUp}
                        disabled={!listed || i === 0}
                        onClick={() => move(i, -1)}
                      />
                      <IconButton
                        label={`Move subnet ${n} down`}
                        icon={ArrowDown}
                        disabled={!listed || i === rows.length - 1}
                        onClick={() => move(i, 1)}
                      />
                      <IconButton
                        label={`Remove subnet ${n}`}
                        icon={Trash2}
                        disabled={!listed}
                        onClick={() => onRows((r) => r.filter((x) => x.key !== row.key))}
                      />
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="py-2 text-fg-muted">No subnet listed.</p> : null}
        <div className="mt-2">
          <Button variant="command" icon={Plus} disabled={!listed} onClick={add}>
            Add subnet
          </Button>
        </div>
        <p className="mt-1 text-sm text-fg-muted">
          A lower number is a higher priority; several subnets may share one. Move up and Move down trade two
          subnets' priorities.
        </p>
        {listed && rows.length === 0 ? (
          <div className="mt-2">
            <MessageBar kind="warning">
              With no subnet listed, {host} refuses every incoming live migration.
            </MessageBar>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}

function IconButton({
  label,
  icon: Icon,
  disabled,
  onClick,
}: {
  label: string;
  icon: typeof ArrowUp;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="inline-flex h-8 w-8 items-center justify-center rounded-sm text-fg hover:bg-hover disabled:cursor-not-allowed disabled:text-fg-muted disabled:hover:bg-transparent"
    >
      <Icon aria-hidden size={16} />
    </button>
  );
}

/** "Purge Kerberos tickets" (klist purge -li 0x3e7 on the host): a pending delegation change applies now. */
function PurgeTickets({ host }: { host: HostDetail }) {
  const purge = usePurgeTickets(host.id);
  const adminRefusal = useRefusal("Administrator");
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  async function run() {
    setNotice(null);
    try {
      await purge.mutateAsync();
      setNotice({
        kind: "success",
        text: `Kerberos tickets of ${host.name} purged (klist purge -li 0x3e7): its next ticket carries its computer account as Active Directory has it now.`,
      });
    } catch (error) {
      setNotice({ kind: "error", text: error instanceof Error ? error.message : String(error) });
    }
  }
  return (
    <>
      <Button
        variant="command"
        icon={KeyRound}
        unavailable={adminRefusal}
        disabled={purge.isPending}
        onClick={() => void run()}
      >
        Purge Kerberos tickets
      </Button>
      {notice ? (
        <div className="basis-full py-1">
          <MessageBar kind={notice.kind}>{notice.text}</MessageBar>
        </div>
      ) : null}
    </>
  );
}

/** With Kerberos, what the host's computer account may delegate, as its tickets carry it now. */
function DelegationStatus({ host }: { host: HostDetail }) {
  const account = useComputerAccount(host.id);
  const accounts = useComputerAccounts();
  const now = useNow(1000);
  if (!account.data) return null;
  const { state, pendingMs } = inEffect(account.data, now);
  const dc = accounts.data?.items.find((a) => a.domainController);
  return (
    <section aria-label="Constrained delegation" className="rounded-sm border border-border bg-subtle p-3">
      <p>
        Constrained delegation of {host.name} in effect: <strong>{delegationSummary(state)}</strong>
        {state.services.length > 0
          ? ` (${[...new Set(state.services.map((s) => `${s.service} on ${s.hostName}`))].join("; ")})`
          : ""}
        .
      </p>
      {pendingMs !== null ? (
        <p className="text-sm">
          {pendingText(pendingMs)} ({delegationSummary(account.data.delegation)}), after replication and a new
          ticket, or at once with Purge Kerberos tickets.
        </p>
      ) : null}
      {dc ? (
        <Link href={`/servers/${dc.hostId}/active-directory`} className="text-sm text-accent hover:underline">
          Change it in the Active Directory tool on {dc.name}
        </Link>
      ) : null}
    </section>
  );
}
