"use client";
import { Plus, RefreshCw, Trash2 } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import {
  type AccountLike,
  delegationSummary,
  inEffect,
  type NamedDelegation,
  pendingText,
  stateOf,
} from "@/components/active-directory/view";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { type NamedScript, PowerShellScripts } from "@/components/powershell-scripts";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { Tabs } from "@/components/ui/tabs";
import { ApiError } from "@/lib/client/api";
import {
  useComputerAccounts,
  useSetActiveDirectorySettings,
  useSetDelegation,
} from "@/lib/client/use-active-directory";
import { useNow } from "@/lib/client/use-now";
import { useRefusal } from "@/lib/client/use-session";
import { sameDelegation, spnsOf } from "@/lib/hyperv/delegation";
import { delegationPowerShell, delegationReadPowerShell } from "@/lib/hyperv/powershell";
import {
  DELEGABLE_SERVICES,
  DELEGATION_LABELS,
  DELEGATION_MODES,
  type DelegableService,
  type DelegationMode,
  PROTOCOL_LABELS,
} from "@/lib/hyperv/vocabulary";
import type { ComputerAccountList, ComputerAccountView } from "@/lib/inventory/active-directory";

type Account = ComputerAccountView & AccountLike;

/** The domain controller's Active Directory tool: the computer accounts and their Delegation tab. */
export function ActiveDirectoryTool() {
  const { data, error, isPending, refetch } = useComputerAccounts();
  const now = useNow(1000);
  const [open, setOpen] = useState<number | null>(null);
  if (isPending) return <Loading label="Loading computer accounts" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const accounts = data.items as Account[];
  const current = accounts.find((a) => a.hostId === open) ?? null;
  const scripts: NamedScript[] = [
    {
      name: "List the computers and their delegation",
      script:
        "Get-ADComputer -Filter * -Properties TrustedForDelegation, TrustedToAuthForDelegation, msDS-AllowedToDelegateTo | Select-Object Name, TrustedForDelegation, TrustedToAuthForDelegation, msDS-AllowedToDelegateTo",
    },
    ...accounts.map((a) => ({
      name: `Get the delegation of ${a.name}`,
      script: delegationReadPowerShell(a.name),
    })),
  ];
  return (
    <div className="pb-8">
      <ToolHeader title="Active Directory" />
      <div className="px-6">
        <CommandBar label="Active Directory">
          <Button variant="command" icon={RefreshCw} onClick={() => void refetch()}>
            Refresh
          </Button>
          <PowerShellScripts tool="Active Directory" scripts={scripts} note={data.domain?.name} />
        </CommandBar>
        <h2 className="mt-4 text-xl font-semibold">Computers</h2>
        <p className="text-fg-muted">
          {data.domain ? `${data.domain.name}: ` : ""}open a computer for its Delegation tab, as Active
          Directory Users and Computers shows it.
        </p>
        <table aria-label="Computers" className="mt-2 w-full text-left">
          <thead>
            <tr className="border-b border-border">
              <th className="py-1 pr-2 font-semibold">Name</th>
              <th className="py-1 pr-2 font-semibold">DNS name</th>
              <th className="py-1 pr-2 font-semibold">Operating system</th>
              <th className="py-1 pr-2 font-semibold">Delegation</th>
              <th className="py-1 pr-2 font-semibold">Kerberos tickets</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => {
              const now_ = inEffect(a, now);
              return (
                <tr key={a.hostId} className="h-9 border-b border-border">
                  <td className="pr-2">
                    <button
                      type="button"
                      className="font-semibold text-accent hover:underline"
                      onClick={() => setOpen(a.hostId)}
                    >
                      {a.name}
                    </button>
                  </td>
                  <td className="pr-2">{a.fqdn}</td>
                  <td className="pr-2">{a.osVersion}</td>
                  <td className="pr-2">{delegationSummary(a.delegation)}</td>
                  <td className="pr-2">{pendingText(now_.pendingMs)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {data.domain ? <LabSection domain={data.domain} /> : null}
      </div>
      {current ? (
        <AccountProperties
          key={current.hostId}
          account={current}
          accounts={accounts}
          domain={data.domain}
          now={now}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

type PropertiesTab = "general" | "delegation";

interface FormService {
  service: DelegableService;
  hostId: number;
}

/** The account's Properties, as ADUC opens them: General and Delegation, with OK, Cancel and Apply. */
function AccountProperties({
  account,
  accounts,
  domain,
  now,
  onClose,
}: {
  account: Account;
  accounts: Account[];
  domain: ComputerAccountList["domain"];
  now: number;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<PropertiesTab>("delegation");
  const save = useSetDelegation(account.hostId);
  const adminRefusal = useRefusal("Administrator");
  const id = useId();
  const [mode, setMode] = useState<DelegationMode>(account.delegation.mode);
  const [anyProtocol, setAnyProtocol] = useState(account.delegation.anyProtocol);
  const [services, setServices] = useState<FormService[]>(
    account.delegation.services.flatMap((s) => {
      const service = DELEGABLE_SERVICES.find((d) => d.toLowerCase() === s.service.toLowerCase());
      return service ? [{ service, hostId: s.hostId }] : [];
    }),
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [expanded, setExpanded] = useState(false);
  const others = accounts.filter((a) => a.hostId !== account.hostId);
  const [addHost, setAddHost] = useState<number>(
    others.find((a) => a.hyperV)?.hostId ?? others[0]?.hostId ?? 0,
  );
  const [addService, setAddService] = useState<DelegableService>(DELEGABLE_SERVICES[0]);
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  const names = new Map(accounts.map((a) => [a.hostId, { name: a.name, fqdn: a.fqdn }]));
  const before = stateOf(account.delegation);
  const after = stateOf({ mode, anyProtocol, services });
  const dirty = !sameDelegation(before, after);
  const script = dirty ? delegationPowerShell(account.name, names, before, after) : "";
  const { state: carried, pendingMs } = inEffect(account, now);
  const keyOf = (s: FormService) => `${s.service}/${s.hostId}`;
  const specified = mode === "specified";

  function add() {
    if (!addHost) return;
    const entry = { service: addService, hostId: addHost };
    if (services.some((s) => keyOf(s) === keyOf(entry))) {
      setNotice({ kind: "error", text: "This service is already in the list." });
      return;
    }
    setServices((list) => [...list, entry]);
    setNotice(null);
  }

  async function apply(close: boolean) {
    setNotice(null);
    if (!dirty) {
      if (close) onClose();
      return;
    }
    try {
      await save.mutateAsync({ mode, anyProtocol, services: specified ? services : [] });
      if (close) onClose();
      else setNotice({ kind: "success", text: "Applied in Active Directory." });
    } catch (error) {
      setNotice({ kind: "error", text: error instanceof ApiError ? error.message : String(error) });
    }
  }

  const rows = services.flatMap((s) => {
    const host = names.get(s.hostId);
    if (!host) return [];
    const spns = expanded ? spnsOf(s.service, host) : [`${s.service}/${host.fqdn}`];
    return spns.map((spn, i) => ({ ...s, key: `${keyOf(s)}#${i}`, host: spn.slice(s.service.length + 1) }));
  });

  return (
    <Panel
      title={`${account.name} Properties`}
      wide
      onClose={onClose}
      footer={
        <>
          <Button
            variant="primary"
            unavailable={adminRefusal}
            disabled={save.isPending}
            onClick={() => void apply(true)}
          >
            OK
          </Button>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            unavailable={adminRefusal}
            disabled={!dirty || save.isPending}
            onClick={() => void apply(false)}
          >
            Apply
          </Button>
        </>
      }
    >
      <Tabs<PropertiesTab>
        label={`${account.name} Properties`}
        active={tab}
        onChange={setTab}
        tabs={[
          { key: "general", label: "General" },
          { key: "delegation", label: "Delegation" },
        ]}
      />
      <div role="tabpanel" className="py-4">
        {tab === "general" ? (
          <dl className="grid grid-cols-2 gap-3">
            <dt className="text-fg-muted">Computer name (pre-Windows 2000)</dt>
            <dd>{account.name}</dd>
            <dt className="text-fg-muted">DNS name</dt>
            <dd>{account.fqdn}</dd>
            <dt className="text-fg-muted">Role</dt>
            <dd>{account.domainController ? "Domain controller" : "Workstation or server"}</dd>
            <dt className="text-fg-muted">Operating system</dt>
            <dd>
              {account.osVersion} ({account.osBuild})
            </dd>
          </dl>
        ) : (
          <div className="flex flex-col gap-4">
            <p>
              Delegation is a security-sensitive operation, which allows services to act on behalf of another
              user.
            </p>
            <fieldset>
              <legend className="sr-only">Delegation</legend>
              <div className="flex flex-col gap-2">
                {DELEGATION_MODES.map((m) => (
                  <label key={m} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name={`${id}-mode`}
                      checked={mode === m}
                      onChange={() => setMode(m)}
                    />
                    {DELEGATION_LABELS[m]}
                  </label>
                ))}
              </div>
              <fieldset className="mt-2 ml-6" disabled={!specified}>
                <legend className="sr-only">Authentication protocol for the specified services</legend>
                <div className="flex flex-col gap-2">
                  <label className="flex items-center gap-2">
                    <input
                      type="radio"
                      name={`${id}-protocol`}
                      checked={!anyProtocol}
                      onChange={() => setAnyProtocol(false)}
                    />
                    {PROTOCOL_LABELS.kerberos}
                  </label>
                  <label className="flex items-center gap-2">
                    <input
                      type="radio"
                      name={`${id}-protocol`}
                      checked={anyProtocol}
                      onChange={() => setAnyProtocol(true)}
                    />
                    {PROTOCOL_LABELS.any}
                  </label>
                </div>
              </fieldset>
            </fieldset>

            <section aria-labelledby={`${id}-services`} className={specified ? "" : "opacity-60"}>
              <h3 id={`${id}-services`} className="font-semibold">
                Services to which this account can present delegated credentials
              </h3>
              <table aria-label="Delegated services" className="mt-1 w-full text-left">
                <thead>
                  <tr className="border-b border-border">
                    <th className="w-8 py-1">
                      <span className="sr-only">Select</span>
                    </th>
                    <th className="py-1 pr-2 font-semibold">Service Type</th>
                    <th className="py-1 pr-2 font-semibold">User or Computer</th>
                    <th className="py-1 pr-2 font-semibold">Domain</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key} className="h-8 border-b border-border">
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Select ${r.service} on ${r.host}`}
                          disabled={!specified}
                          checked={selected.has(keyOf(r))}
                          onChange={(e) =>
                            setSelected((set) => {
                              const next = new Set(set);
                              if (e.target.checked) next.add(keyOf(r));
                              else next.delete(keyOf(r));
                              return next;
                            })
                          }
                        />
                      </td>
                      <td className="pr-2">{r.service}</td>
                      <td className="pr-2">{r.host}</td>
                      <td className="pr-2">{domain?.name ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rows.length === 0 ? <p className="py-2 text-fg-muted">No service listed.</p> : null}
              <div className="mt-2 flex flex-wrap items-end gap-2">
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={expanded} onChange={(e) => setExpanded(e.target.checked)} />
                  Expanded
                </label>
                <Button
                  variant="command"
                  icon={Trash2}
                  disabled={!specified || selected.size === 0}
                  onClick={() => {
                    setServices((list) => list.filter((s) => !selected.has(keyOf(s))));
                    setSelected(new Set());
                  }}
                >
                  Remove
                </Button>
              </div>
              <div className="mt-3 flex flex-wrap items-end gap-2">
                <div className="w-40">
                  <Field label="Computer">
                    {(p) => (
                      <select
                        {...p}
                        disabled={!specified}
                        value={addHost}
                        onChange={(e) => setAddHost(Number(e.target.value))}
                      >
                        {others.map((o) => (
                          <option key={o.hostId} value={o.hostId}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
                <div className="w-80">
                  <Field label="Service type">
                    {(p) => (
                      <select
                        {...p}
                        disabled={!specified}
                        value={addService}
                        onChange={(e) =>
                          setAddService(
                            DELEGABLE_SERVICES.find((d) => d === e.target.value) ?? DELEGABLE_SERVICES[0],
                          )
                        }
                      >
                        {DELEGABLE_SERVICES.map((s) => (
                          <option key={s}>{s}</option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
                <Button icon={Plus} disabled={!specified} onClick={add}>
                  Add service
                </Button>
              </div>
            </section>

            <section aria-label="Kerberos tickets" className="rounded-sm border border-border bg-subtle p-3">
              <p className="font-semibold">{pendingText(pendingMs)}</p>
              <p className="text-sm text-fg-muted">
                {pendingMs === null
                  ? `${account.name}'s Kerberos tickets carry this delegation: ${delegationSummary(carried as NamedDelegation)}.`
                  : `${account.name}'s tickets still carry the earlier delegation (${delegationSummary(carried as NamedDelegation)}) until the change replicates and ${account.name} gets a new ticket, or at once after "Purge Kerberos tickets" on ${account.name}.`}
              </p>
              {pendingMs !== null ? (
                <Link
                  href={`/servers/${account.hostId}/settings`}
                  className="text-sm text-accent hover:underline"
                >
                  Open {account.name}'s Settings to purge its Kerberos tickets
                </Link>
              ) : null}
            </section>

            {script ? <PowerShellBlock title="PowerShell for these changes" script={script} /> : null}
          </div>
        )}
        {notice ? (
          <div className="mt-3">
            <MessageBar kind={notice.kind}>{notice.text}</MessageBar>
          </div>
        ) : null}
      </div>
    </Panel>
  );
}

/** The lab's own setting, apart from Active Directory's: how long a change takes to reach a host. */
function LabSection({ domain }: { domain: NonNullable<ComputerAccountList["domain"]> }) {
  const save = useSetActiveDirectorySettings();
  const adminRefusal = useRefusal("Administrator");
  const [minutes, setMinutes] = useState(String(domain.replicationMinutes));
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const dirty = minutes !== String(domain.replicationMinutes);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    setNotice(null);
    const value = /^\s*[0-9]{1,5}\s*$/.test(minutes) ? Number(minutes) : Number.NaN;
    try {
      await save.mutateAsync({ replicationMinutes: value });
      setNotice("Saved.");
    } catch (err) {
      if (err instanceof ApiError) setError(err.fieldIssues().replicationMinutes ?? err.message);
      else setError(String(err));
    }
  }
  return (
    <section
      aria-labelledby="ad-lab"
      className="mt-8 max-w-3xl rounded-sm border border-dashed border-border-strong p-4"
    >
      <h2 id="ad-lab" className="text-xl font-semibold">
        Lab
      </h2>
      <p className="mb-3 text-fg-muted">
        Not an Active Directory setting: in a real domain a delegation change reaches a host after replication
        and a new Kerberos ticket, up to about 15 minutes. The lab waits this long, in lab-clock time.
      </p>
      <form noValidate onSubmit={(e) => void submit(e)} className="flex items-end gap-2">
        <div className="w-64">
          <Field label="Replication and new ticket (minutes)" error={error}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Button type="submit" unavailable={adminRefusal} disabled={!dirty || save.isPending}>
          Save lab setting
        </Button>
        {notice ? (
          <span role="status" className="pb-1 text-sm text-fg-muted">
            {notice}
          </span>
        ) : null}
      </form>
    </section>
  );
}
