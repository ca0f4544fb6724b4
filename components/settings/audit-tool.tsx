"use client";
import { RefreshCw } from "lucide-react";
import { useState } from "react";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { useRefusal } from "@/lib/client/use-session";
import { type AuditFilter, useAudit } from "@/lib/client/use-users";
import { formatDateTime } from "@/lib/present/format";
import { AUDIT_OUTCOMES } from "@/lib/schemas/values";

const FILTER_INPUT = "h-8 rounded-sm border border-border-strong bg-surface px-2";
/** A datetime-local value (the browser's local time) as the API's ISO instant. */
const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Settings > Audit log: every change, refusal and failed sign-in, newest first, filtered. */
export function AuditTool() {
  const refusal = useRefusal("Administrator");
  const [filter, setFilter] = useState({
    user: "",
    action: "",
    outcome: "" as AuditFilter["outcome"],
    from: "",
    to: "",
  });
  const query = useAudit({
    ...(filter.user ? { user: filter.user } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(iso(filter.from) ? { from: iso(filter.from) } : {}),
    ...(iso(filter.to) ? { to: iso(filter.to) } : {}),
  });
  if (refusal) {
    return (
      <div className="p-6">
        <ToolHeader title="Audit log" />
        <MessageBar kind="warning">{`The audit log needs the Administrator role. ${refusal}`}</MessageBar>
      </div>
    );
  }
  const set = (key: keyof typeof filter) => (e: { target: { value: string } }) =>
    setFilter((f) => ({ ...f, [key]: e.target.value }));
  return (
    <div className="pb-8">
      <ToolHeader title="Audit log">
        <p className="text-fg-muted">
          Who changed what, from where, and how it ended; refused attempts and failed sign-ins too.
        </p>
      </ToolHeader>
      <div className="px-6">
        <CommandBar label="Audit log">
          <label className="flex items-center gap-1">
            User
            <input className={`${FILTER_INPUT} w-36`} value={filter.user} onChange={set("user")} />
          </label>
          <label className="flex items-center gap-1">
            Action
            <input
              className={`${FILTER_INPUT} w-40`}
              value={filter.action}
              onChange={set("action")}
              placeholder="migration"
            />
          </label>
          <label className="flex items-center gap-1">
            Outcome
            <select className={FILTER_INPUT} value={filter.outcome} onChange={set("outcome")}>
              <option value="">Any</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o[0]?.toUpperCase()}
                  {o.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1">
            From
            <input
              type="datetime-local"
              className={FILTER_INPUT}
              value={filter.from}
              onChange={set("from")}
            />
          </label>
          <label className="flex items-center gap-1">
            To
            <input type="datetime-local" className={FILTER_INPUT} value={filter.to} onChange={set("to")} />
          </label>
          <Button variant="command" icon={RefreshCw} onClick={() => void query.refetch()}>
            Refresh
          </Button>
        </CommandBar>
        {query.isPending ? <Loading label="Loading the audit log" /> : null}
        {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
        {query.data ? (
          <>
            <p className="mt-2 text-sm text-fg-muted">
              {query.data.total === query.data.items.length
                ? `${query.data.total} entries`
                : `The newest ${query.data.items.length} of ${query.data.total} entries`}
            </p>
            <table aria-label="Audit log" className="mt-1 w-full text-left">
              <thead>
                <tr className="border-b border-border">
                  {["Time", "User", "Role", "Action", "Request", "Address", "Outcome", "Message"].map((h) => (
                    <th key={h} className="py-2 pr-3 font-semibold">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((e) => (
                  <tr key={e.id} className="border-b border-border align-top">
                    <td className="py-1.5 pr-3 whitespace-nowrap">{formatDateTime(e.at)}</td>
                    <td className="py-1.5 pr-3">{e.user}</td>
                    <td className="py-1.5 pr-3">{e.role}</td>
                    <td className="py-1.5 pr-3 font-mono text-sm">{e.action}</td>
                    <td className="py-1.5 pr-3 font-mono text-sm">
                      {e.method} {e.path}
                      {e.target ? <span className="block text-fg-muted">{e.target}</span> : null}
                    </td>
                    <td className="py-1.5 pr-3">{e.address}</td>
                    <td className="py-1.5 pr-3">
                      {e.outcome === "succeeded"
                        ? "Succeeded"
                        : e.outcome === "refused"
                          ? "Refused"
                          : "Failed"}{" "}
                      ({e.status})
                    </td>
                    <td className="py-1.5 pr-3">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </div>
  );
}
