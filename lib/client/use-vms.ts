"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { EventLogPage } from "@/lib/inventory/event-log";
import type { VmDetail, VmListItem } from "@/lib/inventory/vms";
import type { Page } from "@/lib/schemas/common";
import type { UpdateVmInput, VmAction } from "@/lib/schemas/vm";
import { api, queryString } from "./api";
import { eventLogKeys, invalidateInventory, vmKeys } from "./keys";

export type VmScope = { hostId?: number; clusterId?: number; clustered?: "true" | "false" };

const PAGE = 1000;

/**
 * Every VM in a scope, a page at a time, so the grid can sort and filter 10,000 rows in the
 * browser; the first page renders at once and the rest stream in behind it.
 */
export function useVmList(scope: VmScope) {
  const query = useInfiniteQuery({
    queryKey: vmKeys.list(scope),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<Page<VmListItem>>(`/api/vms${queryString({ ...scope, limit: PAGE, cursor: pageParam })}`, {
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items), [query.data]);
  const total = query.data?.pages.at(-1)?.total ?? 0;
  return { ...query, items, total, complete: query.isSuccess && !hasNextPage };
}

export interface VmSummaryData {
  hosts: number;
  counts: Record<"Running" | "Off" | "Paused" | "Saved", number>;
  memory: { totalMiB: number; hostReservedMiB: number; guestMiB: number };
  cpu: { logicalProcessors: number; hostUsagePercent: number; guestVcpus: number };
}

export function useVmSummary(scope: { hostId?: number; clusterId?: number }) {
  return useQuery({
    queryKey: vmKeys.summary(scope),
    queryFn: ({ signal }) => api<VmSummaryData>(`/api/vm-summary${queryString(scope)}`, { signal }),
  });
}

export function useVm(id: number) {
  return useQuery({
    queryKey: vmKeys.detail(id),
    queryFn: ({ signal }) => api<VmDetail>(`/api/vms/${id}`, { signal }),
  });
}

function useInvalidateVms() {
  const client = useQueryClient();
  return (vm?: VmDetail) => {
    if (vm) client.setQueryData(vmKeys.detail(vm.id), vm);
    invalidateInventory(client);
  };
}

/** Runs one action on many VMs, then refreshes the inventory once (not once per VM). */
export function useVmBulkAction() {
  const invalidate = useInvalidateVms();
  return useMutation({
    mutationFn: async ({ vms, action }: { vms: { id: number; name: string }[]; action: VmAction }) => {
      const done: string[] = [];
      const failed: string[] = [];
      for (const vm of vms) {
        try {
          await api<VmDetail>(`/api/vms/${vm.id}/actions`, { method: "POST", body: { action } });
          done.push(vm.name);
        } catch (error) {
          failed.push(error instanceof Error ? error.message : String(error));
        }
      }
      return { done, failed };
    },
    onSettled: () => invalidate(),
  });
}

export function useVmAction() {
  const invalidate = useInvalidateVms();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: VmAction }) =>
      api<VmDetail>(`/api/vms/${id}/actions`, { method: "POST", body: { action } }),
    onSuccess: (vm) => invalidate(vm),
  });
}

export function useUpdateVm(id: number) {
  const invalidate = useInvalidateVms();
  return useMutation({
    mutationFn: (body: UpdateVmInput) => api<VmDetail>(`/api/vms/${id}`, { method: "PATCH", body }),
    onSuccess: (vm) => invalidate(vm),
  });
}

export function useEventLog(
  filter: {
    hostId?: number;
    vmId?: number;
    level?: string;
    channel?: string;
    eventId?: number;
    from?: string;
    to?: string;
    limit?: number;
  } = {},
) {
  return useQuery({
    queryKey: eventLogKeys.list(filter),
    queryFn: ({ signal }) =>
      api<EventLogPage>(`/api/event-log${queryString({ limit: 200, ...filter })}`, { signal }),
  });
}
