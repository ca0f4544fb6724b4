"use client";
import { useQueryClient } from "@tanstack/react-query";
import { ArrowRightLeft, Bell, ChevronDown, CircleUser, Settings } from "lucide-react";
import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { MigrationNotificationList } from "@/components/migration/migration-notifications";
import { Button } from "@/components/ui/button";
import { Status } from "@/components/ui/status";
import { api } from "@/lib/client/api";
import { useCluster } from "@/lib/client/use-clusters";
import { useHost } from "@/lib/client/use-hosts";
import { bellLabel, useMigrationNotifications } from "@/lib/client/use-migrations";
import { useSession } from "@/lib/client/use-session";
import { useEventLog } from "@/lib/client/use-vms";
import { formatDateTime } from "@/lib/present/format";

function ConnectionName() {
  const pathname = usePathname();
  const params = useParams<{ id?: string }>();
  const id = Number(params.id);
  const kind = pathname.startsWith("/servers/")
    ? "server"
    : pathname.startsWith("/clusters/")
      ? "cluster"
      : null;
  if (!kind || !Number.isInteger(id) || id <= 0) return <span>All connections</span>;
  return kind === "server" ? <HostName id={id} /> : <ClusterName id={id} />;
}
// Until the connection's name arrives the link still has a name: where it leads.
function HostName({ id }: { id: number }) {
  const { data } = useHost(id);
  return <span>{data ? data.fqdn : "All connections"}</span>;
}
function ClusterName({ id }: { id: number }) {
  const { data } = useCluster(id);
  return <span>{data ? data.fqdn : "All connections"}</span>;
}

function useDismiss(open: boolean, close: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, close]);
  return ref;
}

function Notifications() {
  const [open, setOpen] = useState(false);
  const ref = useDismiss(open, () => setOpen(false));
  const { data } = useEventLog({ limit: 8 });
  const migrations = useMigrationNotifications().data ?? [];
  const running = migrations.filter((m) => m.status === "running").length;
  const queued = migrations.filter((m) => m.status === "queued").length;
  const active = running + queued;
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label={bellLabel(running, queued)}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="relative flex h-10 w-10 items-center justify-center hover:bg-white/10"
      >
        <Bell aria-hidden size={16} />
        {active > 0 ? (
          <span
            aria-hidden
            className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-accent px-1 text-[10px] leading-none font-semibold text-on-accent"
          >
            {active}
          </span>
        ) : null}
      </button>
      {open ? (
        <section
          aria-label="Notifications"
          className="absolute right-0 top-10 z-50 w-96 border border-border bg-surface text-fg shadow-xl"
        >
          <div className="flex items-baseline justify-between border-b border-border px-4 py-3">
            <h2 className="text-lg font-semibold">Notifications</h2>
            <Link href="/migrations" onClick={() => setOpen(false)} className="text-accent hover:underline">
              View all migrations
            </Link>
          </div>
          <div className="max-h-[32rem] overflow-y-auto">
            <MigrationNotificationList rows={migrations} onNavigate={() => setOpen(false)} />
            <ul aria-label="Recent events">
              {(data?.items ?? []).map((e) => (
                <li key={e.id} className="border-b border-border px-4 py-2">
                  <div className="flex justify-between text-sm text-fg-muted">
                    <Status value={e.level} />
                    <span>{formatDateTime(e.time)}</span>
                  </div>
                  <div className="mt-1 line-clamp-2">{e.message}</div>
                  <div className="text-sm text-fg-muted">
                    {e.hostName} · Event {e.eventId}
                  </div>
                </li>
              ))}
              {data && data.items.length === 0 && migrations.length === 0 ? (
                <li className="px-4 py-3 text-fg-muted">No notifications.</li>
              ) : null}
            </ul>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function SettingsMenu() {
  const [open, setOpen] = useState(false);
  const isAdmin = useSession().data?.user?.role === "Administrator";
  const ref = useDismiss(open, () => setOpen(false));
  const [theme, setTheme] = useState<"light" | "dark">("light");
  useEffect(() => setTheme(document.documentElement.dataset.theme === "dark" ? "dark" : "light"), []);
  function choose(next: "light" | "dark") {
    document.documentElement.dataset.theme = next;
    localStorage.setItem("lml-theme", next);
    setTheme(next);
  }
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label="Settings"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex h-10 w-10 items-center justify-center hover:bg-white/10"
      >
        <Settings aria-hidden size={16} />
      </button>
      {open ? (
        <div className="absolute right-0 top-10 z-50 w-56 border border-border bg-surface p-4 text-fg shadow-xl">
          <fieldset>
            <legend className="mb-2 font-semibold">Theme</legend>
            {(["light", "dark"] as const).map((t) => (
              <label key={t} className="flex items-center gap-2 py-1">
                <input type="radio" name="theme" checked={theme === t} onChange={() => choose(t)} />
                {t === "light" ? "Light" : "Dark"}
              </label>
            ))}
          </fieldset>
          {isAdmin ? (
            <nav aria-label="Gateway settings" className="mt-3 border-t border-border pt-3">
              <div className="mb-1 font-semibold">Gateway</div>
              <Link
                href="/settings/users"
                onClick={() => setOpen(false)}
                className="block py-1 text-accent hover:underline"
              >
                Users
              </Link>
              <Link
                href="/settings/audit"
                onClick={() => setOpen(false)}
                className="block py-1 text-accent hover:underline"
              >
                Audit log
              </Link>
            </nav>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Who is signed in, with Sign out; on a loopback lab, the local administrator (nothing to sign out of). */
function AccountMenu() {
  const [open, setOpen] = useState(false);
  const ref = useDismiss(open, () => setOpen(false));
  const { data } = useSession();
  const client = useQueryClient();
  const user = data?.user;
  if (!user) return null;
  async function signOut() {
    await api("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
    client.clear();
    window.location.assign(data?.signInRequired ? "/sign-in" : "/");
  }
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label={`Account: ${user.name}, ${user.role}`}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex h-10 items-center gap-1.5 px-3 hover:bg-white/10"
      >
        <CircleUser aria-hidden size={16} />
        <span className="max-w-40 truncate">{user.name}</span>
      </button>
      {open ? (
        <div className="absolute right-0 top-10 z-50 w-64 border border-border bg-surface p-4 text-fg shadow-xl">
          <div className="font-semibold">{user.name}</div>
          <div className="text-fg-muted">{user.role}</div>
          {user.local ? (
            <p className="mt-2 text-sm text-fg-muted">
              This lab listens on this machine only, so you are its administrator without signing in.
            </p>
          ) : (
            <div className="mt-3">
              <Button onClick={() => void signOut()}>Sign out</Button>
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}

export function TopBar() {
  const session = useSession().data;
  // Before sign-in (or before the lab has said who this is) the bar shows only the name and the theme.
  const signedOut = !session || (session.signInRequired && session.user === null);
  return (
    <header className="flex h-10 shrink-0 items-center bg-topbar text-topbar-fg">
      <Link href="/" className="flex h-10 items-center px-4 font-semibold hover:bg-white/10">
        Live Migration Lab
      </Link>
      {signedOut ? null : (
        <>
          <span aria-hidden className="h-5 border-l border-white/30" />
          <Link href="/" className="ml-2 flex h-10 items-center gap-1 px-2 hover:bg-white/10">
            <ConnectionName />
            <ChevronDown aria-hidden size={14} />
          </Link>
        </>
      )}
      <div className="ml-auto flex items-center">
        {signedOut ? null : (
          <>
            <Link
              href="/migrations"
              className="flex h-10 items-center gap-1.5 px-3 hover:bg-white/10"
              title="Every live migration, running and finished"
            >
              <ArrowRightLeft aria-hidden size={16} />
              Migrations
            </Link>
            <Notifications />
          </>
        )}
        <SettingsMenu />
        <AccountMenu />
      </div>
    </header>
  );
}
