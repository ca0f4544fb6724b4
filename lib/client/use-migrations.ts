"use client";
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Page } from "@/lib/schemas/common";
import type { ClockStateDto } from "@/lib/schemas/lab";
import type {
  MigrationDetail,
  MigrationDto,
  MigrationFaultInput,
  MigrationListQuery,
  MigrationStreamEvent,
  NotificationEvent,
  StreamEventType,
} from "@/lib/schemas/migration";
import { applyStreamEvent } from "@/lib/schemas/migration-state";
import { ACTIVE_STATUSES, type MigrationStatus } from "@/lib/schemas/values";
import { api, queryString } from "./api";
import {
  clusterKeys,
  eventLogKeys,
  hostKeys,
  invalidateInventory,
  migrationKeys,
  storageKeys,
  vmKeys,
} from "./keys";
import { labClockKey } from "./use-now";

export type MigrationFilter = Partial<Pick<MigrationListQuery, "status" | "vmId" | "hostId" | "active">>;

const PAGE = 500;
/**
 * The bell's /api/events stream (mounted in the top bar on every page) patches list rows as they
 * change and refetches the lists when a move starts or ends; this poll only covers a dropped stream.
 */
const FALLBACK_POLL_MS = 15_000;

// A Record, so that a new event type in the contract fails to compile here until it is listened to.
const STREAM_EVENTS: Record<StreamEventType, true> = {
  status: true,
  stage: true,
  pass: true,
  progress: true,
  blackout: true,
  fault: true,
  rollback: true,
  switchover: true,
  share: true,
  timeline: true,
  log: true,
  done: true,
};

export const isActive = (status: MigrationStatus) => ACTIVE_STATUSES.includes(status);

/** Every migration matching the filter, newest first, all pages fetched so the grid can sort locally. */
export function useMigrations(filter: MigrationFilter = {}) {
  const query = useInfiniteQuery({
    queryKey: migrationKeys.list(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<Page<MigrationDto>>(
        `/api/migrations${queryString({ ...filter, sort: "createdAt", order: "desc", limit: PAGE, cursor: pageParam })}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((m) => isActive(m.status))) ? FALLBACK_POLL_MS : false,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items), [query.data]);
  return { ...query, items, total: query.data?.pages.at(-1)?.total ?? 0 };
}

/**
 * Keeps whichever copy has seen more events: a GET that was answered before some stream events
 * arrived must not overwrite them, or the next event would be applied to a state with a gap.
 */
export function newerDetail(old: unknown, next: unknown): unknown {
  const a = old as MigrationDetail | undefined;
  const b = next as MigrationDetail | undefined;
  return a && b && a.id === b.id && a.lastSeq > b.lastSeq ? a : next;
}

const detailQuery = (id: number) => ({
  queryKey: migrationKeys.detail(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => api<MigrationDetail>(`/api/migrations/${id}`, { signal }),
  structuralSharing: newerDetail,
});

export function useMigration(id: number) {
  return useQuery(detailQuery(id));
}

/** Loads a move's detail into the cache (never throws), so its page renders at once when opened. */
export function usePrefetchMigration() {
  const client = useQueryClient();
  return (id: number) => client.prefetchQuery(detailQuery(id));
}

function afterChange(client: QueryClient, dto: MigrationDto) {
  void client.invalidateQueries({ queryKey: migrationKeys.lists() });
  if (dto.status === "succeeded" || dto.switchedOver) invalidateInventory(client);
}

export function useCancelMigration(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<MigrationDto>(`/api/migrations/${id}/cancel`, { method: "POST" }),
    onSuccess: (dto) => afterChange(client, dto),
  });
}

export function useMigrationFault(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MigrationFaultInput) =>
      api<MigrationDto>(`/api/migrations/${id}/faults`, { method: "POST", body }),
    onSuccess: (dto) => afterChange(client, dto),
  });
}

function parse<T>(message: MessageEvent): T | null {
  try {
    return JSON.parse(String(message.data)) as T;
  } catch {
    return null;
  }
}

export type StreamState = "off" | "connecting" | "live" | "reconnecting";

/**
 * Follows one migration's event stream into the react-query cache: the snapshot replaces the
 * detail, each event is folded in with applyStreamEvent. Closes on `done` (or a finished snapshot)
 * so the browser does not reconnect forever; otherwise EventSource reconnects with Last-Event-ID.
 */
export function useMigrationEvents(id: number, enabled = true): StreamState {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>("off");
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const key = migrationKeys.detail(id);
    const source = new EventSource(`/api/migrations/${id}/events`);
    const close = () => {
      source.close();
      setState("off");
    };
    setState("connecting");
    source.onopen = () => setState("live");
    source.onerror = () => {
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (an HTTP error), so show the stored state.
      if (source.readyState === EventSource.CLOSED) {
        close();
        void client.invalidateQueries({ queryKey: key });
      } else setState("reconnecting");
    };
    source.addEventListener("snapshot", (message) => {
      const snapshot = parse<MigrationDetail>(message);
      if (!snapshot) return;
      client.setQueryData<MigrationDetail>(key, snapshot);
      if (!isActive(snapshot.status)) close();
    });
    const onEvent = (message: MessageEvent) => {
      const event = parse<MigrationStreamEvent>(message);
      if (!event) return;
      client.setQueryData<MigrationDetail>(key, (old) => (old ? applyStreamEvent(old, event) : old));
      // The row's own facts (when it started, when it finished) are not in the events: fetch them.
      if (refetchDetailAfter(event)) void client.invalidateQueries({ queryKey: key });
      if (event.type === "switchover") invalidateInventory(client);
      if (event.type === "done") {
        close();
        void client.invalidateQueries({ queryKey: migrationKeys.lists() });
        if (event.data.status === "succeeded") invalidateInventory(client);
      }
    };
    for (const type of Object.keys(STREAM_EVENTS)) source.addEventListener(type, onEvent);
    return close;
  }, [client, id, enabled]);
  return enabled ? state : "off";
}

/**
 * Whether a stream event changes what only the stored row knows: the lab-clock instants the move
 * started running and finished (a page that watched it live then shows "Finished ..." as a page
 * opened later does). The events carry simulated times only, so a replay stays byte for byte.
 */
export function refetchDetailAfter(event: MigrationStreamEvent): boolean {
  return event.type === "done" || (event.type === "status" && event.data.status === "running");
}

/**
 * A cached list with `row` in place of its older copy; the same object when the list does not
 * hold the row or already has a copy at least as new, so unrelated lists do not re-render.
 */
export function patchListRow(
  data: InfiniteData<Page<MigrationDto>> | undefined,
  row: MigrationDto,
): InfiniteData<Page<MigrationDto>> | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const at = page.items.findIndex((m) => m.id === row.id);
    const old = page.items[at];
    if (!old || old.lastSeq >= row.lastSeq) return page;
    changed = true;
    return { ...page, items: page.items.map((m, i) => (i === at ? row : m)) };
  });
  return changed ? { ...data, pages } : data;
}

/** Notifications that arrive within this time update the bell and the lists together. */
export const NOTE_BATCH_MS = 100;

/** The least time between two refreshes the bell's notifications cause. */
export const REFRESH_MS = 400;
const INVENTORY_KEYS = [hostKeys.all, clusterKeys.all, vmKeys.all, storageKeys.all, eventLogKeys.all];

type Stale = ReturnType<typeof staleAfter>;

/**
 * Collects what notifications make stale and refreshes it at most every `ms`: the first change
 * waits `ms` (changes that follow it join), and a refresh that `run` declines (a fetch of the same
 * data is under way) is tried again `ms` later, so the last change is never lost.
 */
export class StaleRefresh {
  private pending: Stale | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly run: (stale: Stale) => boolean,
  ) {}

  add(stale: Stale): void {
    if (!stale.inventory && !stale.eventLog && !stale.lists) return;
    const p = this.pending;
    this.pending = p
      ? {
          inventory: p.inventory || stale.inventory,
          eventLog: p.eventLog || stale.eventLog,
          lists: p.lists || stale.lists,
        }
      : stale;
    this.timer ??= setTimeout(() => this.flush(), this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
  }

  private flush(): void {
    this.timer = undefined;
    const p = this.pending;
    if (!p) return;
    if (this.run(p)) this.pending = null;
    else this.timer = setTimeout(() => this.flush(), this.ms);
  }
}

/** What one /api/events notification makes stale, besides the bell's own rows. */
export function staleAfter(event: MigrationStreamEvent): {
  inventory: boolean;
  lists: boolean;
  eventLog: boolean;
} {
  const ends = event.type === "done";
  const changesStatus = ends || event.type === "status";
  return {
    // The VM changed host: host memory, role owners and the Host server column.
    inventory: event.type === "switchover" || (ends && event.data.status === "succeeded"),
    // A move appeared, left a status filter or ended: rows come and go, not only change.
    lists: changesStatus,
    // Starts, 21501/21502 failures, cancels and completions all write event-log entries.
    eventLog: changesStatus,
  };
}

const moves = (n: number) => (n === 1 ? "move" : "moves");

/** The bell's accessible name, e.g. "Notifications, 2 running moves, 1 queued move, 3 in all". */
export function bellLabel(running: number, queued: number): string {
  const parts = [
    running > 0 ? `${running} running ${moves(running)}` : null,
    queued > 0 ? `${queued} queued ${moves(queued)}` : null,
    // The badge shows the sum: a name that holds the visible number (axe: label-content-name-mismatch).
    running > 0 && queued > 0 ? `${running + queued} in all` : null,
  ].filter((p) => p !== null);
  return ["Notifications", ...parts].join(", ");
}

export const notificationsKey = [...migrationKeys.all, "notifications"] as const;
const RECENT = 20;

/**
 * The bell's rows: newest first, every active one and the RECENT latest finished ones; for the
 * same id the row that has seen more events wins, so a late GET cannot undo a streamed update.
 */
export function mergeMigrations(
  rows: readonly MigrationDto[],
  updates: readonly MigrationDto[],
): MigrationDto[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const u of updates) {
    const old = byId.get(u.id);
    if (!old || u.lastSeq >= old.lastSeq) byId.set(u.id, u);
  }
  const sorted = [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  let finished = 0;
  return sorted.filter((m) => isActive(m.status) || ++finished <= RECENT);
}

/**
 * The bell: every active migration plus the recent ones, from GET /api/migrations at first and
 * then kept current by /api/events, which also keeps the migration lists and the event log fresh.
 * A completed move refreshes the inventory, wherever the user is.
 */
export function useMigrationNotifications() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) =>
      api<Page<MigrationDto>>(`/api/migrations${queryString({ limit: RECENT })}`, { signal }).then(
        (page) => page.items,
      ),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    structuralSharing: (old, next) =>
      mergeMigrations((old as MigrationDto[] | undefined) ?? [], next as MigrationDto[]),
  });
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events");
    // A node drain ends hundreds of moves in a row: what they make stale is refreshed together, at
    // most every REFRESH_MS and never by cancelling a refresh under way (which would starve a page
    // that is still loading its data).
    const refresh = new StaleRefresh(REFRESH_MS, (stale) => {
      const busy =
        client.isFetching({ queryKey: eventLogKeys.all }) +
        client.isFetching({ queryKey: migrationKeys.lists() }) +
        (stale.inventory
          ? INVENTORY_KEYS.reduce((n, queryKey) => n + client.isFetching({ queryKey }), 0)
          : 0);
      if (busy > 0) return false;
      if (stale.inventory) invalidateInventory(client);
      else if (stale.eventLog) void client.invalidateQueries({ queryKey: eventLogKeys.all });
      if (stale.lists) void client.invalidateQueries({ queryKey: migrationKeys.lists() });
      return true;
    });
    source.addEventListener("snapshot", (message) => {
      const snapshot = parse<{ migrations: MigrationDto[] }>(message);
      if (!snapshot) return;
      client.setQueryData<MigrationDto[]>(notificationsKey, snapshot.migrations);
      // Moves may have started or ended between the page's first fetches and this snapshot.
      void client.invalidateQueries({ queryKey: eventLogKeys.all });
      void client.invalidateQueries({ queryKey: migrationKeys.lists() });
    });
    // Rows arriving together (a drain sends a hundred a second) update the cache once per
    // NOTE_BATCH_MS, so the bell and the lists render once for all of them.
    let notes: MigrationDto[] = [];
    let noteTimer: ReturnType<typeof setTimeout> | undefined;
    const applyNotes = () => {
      noteTimer = undefined;
      const rows = notes;
      notes = [];
      client.setQueryData<MigrationDto[]>(notificationsKey, (old) => [...rows.reverse(), ...(old ?? [])]);
      client.setQueriesData<InfiniteData<Page<MigrationDto>>>({ queryKey: migrationKeys.lists() }, (data) =>
        rows.reduce((list, row) => patchListRow(list, row), data),
      );
    };
    source.addEventListener("migration", (message) => {
      const note = parse<NotificationEvent>(message);
      if (!note) return;
      notes.push(note.migration);
      noteTimer ??= setTimeout(applyNotes, NOTE_BATCH_MS);
      refresh.add(staleAfter(note.event));
    });
    // A suite paused, stepped or sped the lab clock: times on the page follow it.
    source.addEventListener("clock", (message) => {
      const state = parse<ClockStateDto>(message);
      if (state) client.setQueryData(labClockKey, state);
    });
    // The lab was reset to a scenario (control API): every page's data is from another estate.
    source.addEventListener("reset", () => {
      notes = [];
      client.setQueryData<MigrationDto[]>(notificationsKey, []);
      void client.invalidateQueries();
    });
    return () => {
      refresh.stop();
      clearTimeout(noteTimer);
      source.close();
    };
  }, [client]);
  return query;
}
