"use client";
import { GraduationCap, Monitor, Plus, RefreshCw, Search, Server, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { AddConnectionPanel } from "@/components/add-connection-panel";
import { Button, CommandBar } from "@/components/ui/button";
import { type Column, DataGrid } from "@/components/ui/data-grid";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { Status } from "@/components/ui/status";
import { useClusters } from "@/lib/client/use-clusters";
import { useDeleteHost, useHosts } from "@/lib/client/use-hosts";
import { useRefusal } from "@/lib/client/use-session";

interface Connection {
  key: number;
  id: number;
  name: string;
  type: "Server" | "Cluster";
  state: string;
  os: string;
  managingAs: string;
  tags: string[];
  href: string;
}

export function AllConnections() {
  const hosts = useHosts();
  const clusters = useClusters();
  const remove = useDeleteHost();
  const [query, setQuery] = useState("");
  const [tag, setTag] = useState("");
  // ?add=cluster (the guided lab's link) opens Add on Create cluster.
  const params = useSearchParams();
  const router = useRouter();
  const [adding, setAdding] = useState<"server" | "cluster" | null>(
    params.get("add") === "cluster" ? "cluster" : params.get("add") === "server" ? "server" : null,
  );
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  const rows = useMemo<Connection[]>(() => {
    // Clusters get negative keys so a server and a cluster with the same id never collide.
    const servers = (hosts.data?.items ?? []).map((h) => ({
      key: h.id,
      id: h.id,
      name: h.fqdn,
      type: "Server" as const,
      state: h.state,
      os: h.osVersion,
      managingAs: h.managingAs,
      tags: h.tags,
      href: `/servers/${h.id}`,
    }));
    const cl = (clusters.data?.items ?? []).map((c) => ({
      key: -c.id,
      id: c.id,
      name: c.fqdn,
      type: "Cluster" as const,
      state: c.state,
      os: c.osVersion ?? "",
      managingAs: c.managingAs,
      tags: c.tags,
      href: `/clusters/${c.id}`,
    }));
    return [...cl, ...servers];
  }, [hosts.data, clusters.data]);

  const allTags = useMemo(() => [...new Set(rows.flatMap((r) => r.tags))].sort(), [rows]);
  const q = query.trim().toLowerCase();
  const filtered = rows.filter((r) => (!q || r.name.includes(q)) && (!tag || r.tags.includes(tag)));
  const selectedServers = rows.filter((r) => selected.has(r.key) && r.type === "Server");

  const columns: Column<Connection>[] = [
    {
      key: "name",
      header: "Name",
      width: "30%",
      sortValue: (r) => r.name,
      render: (r) => (
        <Link href={r.href} className="text-accent hover:underline">
          {r.name}
        </Link>
      ),
    },
    {
      key: "type",
      header: "Type",
      width: "16%",
      sortValue: (r) => r.type,
      render: (r) => (r.type === "Server" ? "Servers" : "Server clusters"),
    },
    {
      key: "state",
      header: "State",
      width: "10%",
      sortValue: (r) => r.state,
      render: (r) => <Status value={r.state} />,
    },
    { key: "os", header: "OS", width: "20%", sortValue: (r) => r.os, render: (r) => r.os },
    { key: "managingAs", header: "Managing as", width: "14%", render: (r) => r.managingAs },
    {
      key: "tags",
      header: "Tags",
      render: (r) => r.tags.join(", "),
      title: (r) => r.tags.join(", ") || undefined,
    },
  ];

  async function removeSelected() {
    setNotice(null);
    for (const s of selectedServers) {
      try {
        await remove.mutateAsync(s.id);
        setNotice({ kind: "success", text: `Removed ${s.name}.` });
      } catch (error) {
        setNotice({ kind: "error", text: error instanceof Error ? error.message : String(error) });
        return;
      } finally {
        setSelected(new Set());
      }
    }
  }

  const error = hosts.error ?? clusters.error;
  const adminRefusal = useRefusal("Administrator");
  return (
    <main className="h-full overflow-y-auto bg-page px-8 py-6">
      <h1 className="text-2xl font-semibold">All connections</h1>
      <CommandBar label="Connections">
        <Button variant="command" icon={Plus} unavailable={adminRefusal} onClick={() => setAdding("server")}>
          Add
        </Button>
        <Button
          variant="command"
          icon={Trash2}
          unavailable={adminRefusal}
          disabled={selectedServers.length === 0 || remove.isPending}
          onClick={removeSelected}
        >
          Remove
        </Button>
        <Button
          variant="command"
          icon={RefreshCw}
          onClick={() => {
            void hosts.refetch();
            void clusters.refetch();
          }}
        >
          Refresh
        </Button>
        <Link href="/vms" className="inline-flex h-8 items-center gap-2 rounded-sm px-2 hover:bg-hover">
          <Monitor aria-hidden size={16} strokeWidth={1.75} className="text-accent" />
          All virtual machines
        </Link>
        <Link href="/lab" className="inline-flex h-8 items-center gap-2 rounded-sm px-2 hover:bg-hover">
          <GraduationCap aria-hidden size={16} strokeWidth={1.75} className="text-accent" />
          Guided lab
        </Link>
        <div className="ml-auto flex items-center gap-2">
          <label className="flex h-8 items-center gap-2 rounded-sm border border-border-strong bg-surface px-2">
            <Search aria-hidden size={14} className="text-fg-muted" />
            <span className="sr-only">Search connections</span>
            <input
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Search"
              className="w-48 bg-transparent outline-none"
            />
          </label>
          <label className="flex items-center gap-2">
            <span>Filter by tag</span>
            <select
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              className="h-8 rounded-sm border border-border-strong bg-surface px-2"
            >
              <option value="">All tags</option>
              {allTags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        </div>
      </CommandBar>
      {notice ? (
        <div className="my-2">
          <MessageBar kind={notice.kind}>{notice.text}</MessageBar>
        </div>
      ) : null}
      {error ? <ErrorState error={error} retry={() => void hosts.refetch()} /> : null}
      {hosts.isPending || clusters.isPending ? (
        <Loading label="Loading connections" />
      ) : (
        <DataGrid
          label="Connections"
          columns={columns}
          rows={filtered}
          rowId={(r) => r.key}
          rowName={(r) => r.name}
          selected={selected}
          onSelectedChange={setSelected}
          empty={
            rows.length === 0
              ? "No connections yet. Select Add to add a server or a cluster."
              : "No connection matches."
          }
        />
      )}
      <p className="mt-3 flex items-center gap-2 text-sm text-fg-muted">
        <Server aria-hidden size={14} /> {filtered.length} of {rows.length} connections
      </p>
      {adding ? (
        <AddConnectionPanel
          initialKind={adding}
          onClose={() => {
            setAdding(null);
            if (params.get("add")) router.replace("/");
          }}
        />
      ) : null}
    </main>
  );
}
