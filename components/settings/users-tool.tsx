"use client";
import { Link2, Plus, RefreshCw, Trash2 } from "lucide-react";
import { useState } from "react";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/auth/roles";
import { useApiForm } from "@/lib/client/use-api-form";
import { useRefusal, useSession } from "@/lib/client/use-session";
import { useChangeRole, useCreateUser, useNewLink, useRemoveUser, useUsers } from "@/lib/client/use-users";
import { formatDateTime } from "@/lib/present/format";

type Notice = { kind: "success" | "error"; text: string; link?: string } | null;

const absolute = (link: string) =>
  typeof window === "undefined" ? link : new URL(link, window.location.origin).href;

/** Settings > Users: who may use the lab and with which role; a new user sets a password from a link. */
export function UsersTool() {
  const refusal = useRefusal("Administrator");
  const session = useSession().data;
  const users = useUsers();
  const create = useCreateUser();
  const changeRole = useChangeRole();
  const remove = useRemoveUser();
  const newLink = useNewLink();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const { form, setForm, set, errors, failure, submit } = useApiForm({ name: "", role: "Operator" as Role });

  if (refusal) {
    return (
      <div className="p-6">
        <ToolHeader title="Users" />
        <MessageBar kind="warning">{`Managing users needs the Administrator role. ${refusal}`}</MessageBar>
      </div>
    );
  }

  async function act<T>(run: () => Promise<T>, text: (result: T) => Notice) {
    setNotice(null);
    try {
      setNotice(text(await run()));
    } catch (e) {
      setNotice({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <div className="pb-8">
      <ToolHeader title="Users">
        <p className="max-w-3xl text-fg-muted">
          {session?.user?.local
            ? "You are the local administrator: the lab listens on this machine only. Users matter once it listens on the network (LAB_HOST) or LAB_AUTH=on."
            : "Everyone who signs in to the lab, with their role. A new user sets a password from a one-time link you give them."}
        </p>
      </ToolHeader>
      <div className="px-6">
        <CommandBar label="Users">
          <Button variant="command" icon={Plus} onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            Add user
          </Button>
          <Button variant="command" icon={RefreshCw} onClick={() => void users.refetch()}>
            Refresh
          </Button>
        </CommandBar>
        {adding ? (
          <form
            aria-label="Add user"
            className="my-3 flex max-w-2xl flex-wrap items-end gap-3 border border-border bg-surface p-4"
            onSubmit={(e) => {
              e.preventDefault();
              void submit(async () => {
                const { user, link } = await create.mutateAsync({ name: form.name, role: form.role });
                setAdding(false);
                setForm({ name: "", role: "Operator" });
                setNotice({
                  kind: "success",
                  text: `${user.name} was added as ${user.role}. Give them this one-time link to set their password (it works for 72 hours):`,
                  link: absolute(link),
                });
              });
            }}
          >
            <div className="w-56">
              <Field label="User name" error={errors.name} required>
                {(p) => <input {...p} value={form.name} onChange={set("name")} autoComplete="off" />}
              </Field>
            </div>
            <div className="w-48">
              <Field label="Role" error={errors.role} required>
                {(p) => (
                  <select {...p} value={form.role} onChange={set("role")}>
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              Add
            </Button>
            {failure && !errors.name ? <MessageBar kind="error">{failure}</MessageBar> : null}
            <p className="w-full text-sm text-fg-muted">{ROLE_DESCRIPTIONS[form.role]}</p>
          </form>
        ) : null}
        {notice ? (
          <div className="my-3 max-w-3xl">
            <MessageBar kind={notice.kind}>
              {notice.text}
              {notice.link ? (
                <label className="mt-1 block">
                  <span className="sr-only">One-time link</span>
                  <input
                    readOnly
                    value={notice.link}
                    onFocus={(e) => e.target.select()}
                    className="h-8 w-full rounded-sm border border-border-strong bg-surface px-2 font-mono text-sm"
                  />
                </label>
              ) : null}
            </MessageBar>
          </div>
        ) : null}
        {users.isPending ? <Loading label="Loading users" /> : null}
        {users.error ? <ErrorState error={users.error} retry={() => void users.refetch()} /> : null}
        {users.data ? (
          <table aria-label="Users" className="mt-3 w-full max-w-5xl text-left">
            <thead>
              <tr className="border-b border-border">
                <th className="py-2 pr-3 font-semibold">Name</th>
                <th className="py-2 pr-3 font-semibold">Role</th>
                <th className="py-2 pr-3 font-semibold">Password</th>
                <th className="py-2 pr-3 font-semibold">Sessions</th>
                <th className="py-2 pr-3 font-semibold">Added</th>
                <th className="py-2 pr-3 font-semibold">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.length === 0 ? (
                <tr>
                  <td colSpan={6} className="py-3 text-fg-muted">
                    No users yet. Add one to let someone sign in from the network.
                  </td>
                </tr>
              ) : null}
              {users.data.items.map((u) => (
                <tr key={u.id} className="h-10 border-b border-border">
                  <th scope="row" className="pr-3 font-normal">
                    {u.name}
                  </th>
                  <td className="pr-3">
                    <select
                      aria-label={`Role of ${u.name}`}
                      value={u.role}
                      className="h-8 rounded-sm border border-border-strong bg-surface px-2"
                      onChange={(e) =>
                        void act(
                          () => changeRole.mutateAsync({ id: u.id, role: e.target.value as Role }),
                          (r) => ({ kind: "success", text: `${r.name} is now ${r.role}.` }),
                        )
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  </td>
                  <td className="pr-3">{u.hasPassword ? "Set" : "Not set yet"}</td>
                  <td className="pr-3">{u.sessions}</td>
                  <td className="pr-3">
                    {formatDateTime(u.createdAt)}
                    {u.createdBy ? <span className="text-fg-muted"> by {u.createdBy}</span> : null}
                  </td>
                  <td className="flex h-10 items-center gap-1">
                    <Button
                      variant="command"
                      icon={Link2}
                      aria-label={`New password link for ${u.name}`}
                      onClick={() =>
                        void act(
                          () => newLink.mutateAsync(u.id),
                          (r) => ({
                            kind: "success",
                            text: `A new one-time link for ${u.name} to set a password (earlier links no longer work):`,
                            link: absolute(r.link),
                          }),
                        )
                      }
                    >
                      Password link
                    </Button>
                    <Button
                      variant="command"
                      icon={Trash2}
                      aria-label={`Remove ${u.name}`}
                      onClick={() => {
                        if (!window.confirm(`Remove ${u.name}? Their sessions end at once.`)) return;
                        void act(
                          () => remove.mutateAsync(u.id),
                          () => ({
                            kind: "success",
                            text: `${u.name} was removed; their sessions have ended.`,
                          }),
                        );
                      }}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}
