"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DrainDetailDto, DrainSummaryDto } from "@/lib/migrations/drain-store";
import type { Page } from "@/lib/schemas/common";
import type { ResumeNodeInput, SuspendNodeInput } from "@/lib/schemas/drain";
import { api, queryString } from "./api";
import { invalidateInventory, migrationKeys } from "./keys";

export const drainKeys = {
  all: ["drains"] as const,
  list: (filter: object) => [...drainKeys.all, "list", filter] as const,
  detail: (id: number) => [...drainKeys.all, "detail", id] as const,
};

/** A drain or fail-back, read again every second while its roles are still moving. */
export function useDrain(id: number) {
  return useQuery({
    queryKey: drainKeys.detail(id),
    queryFn: ({ signal }) => api<DrainDetailDto>(`/api/drains/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data?.status === "InProgress" ? 1000 : false),
  });
}

export function useDrains(filter: { hostId?: number; clusterId?: number }) {
  return useQuery({
    queryKey: drainKeys.list(filter),
    queryFn: ({ signal }) =>
      api<Page<DrainSummaryDto>>(`/api/drains${queryString({ ...filter, limit: 20 })}`, { signal }),
  });
}

function useAfterNodeChange() {
  const client = useQueryClient();
  return () => {
    invalidateInventory(client);
    void client.invalidateQueries({ queryKey: drainKeys.all });
    void client.invalidateQueries({ queryKey: migrationKeys.all });
  };
}

/** Pause > Drain roles / Do not drain roles (Suspend-ClusterNode [-Drain]). */
export function useSuspendNode() {
  const changed = useAfterNodeChange();
  return useMutation({
    mutationFn: ({ nodeId, ...body }: SuspendNodeInput & { nodeId: number }) =>
      api<{ nodeId: number; drainId: number | null }>(`/api/hosts/${nodeId}/suspend`, {
        method: "POST",
        body,
      }),
    onSettled: changed,
  });
}

/** Resume > Fail roles back / Do not fail roles back (Resume-ClusterNode -Failback). */
export function useResumeNode() {
  const changed = useAfterNodeChange();
  return useMutation({
    mutationFn: ({ nodeId, ...body }: ResumeNodeInput & { nodeId: number }) =>
      api<{ nodeId: number; failbackId: number | null }>(`/api/hosts/${nodeId}/resume`, {
        method: "POST",
        body,
      }),
    onSettled: changed,
  });
}
