"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { HostDetail, HostSummary } from "@/lib/inventory/hosts";
import type { Page } from "@/lib/schemas/common";
import type { CreateHostInput } from "@/lib/schemas/host";
import { api, queryString } from "./api";
import { hostKeys, invalidateInventory } from "./keys";

export function useHosts(filter: { q?: string; tag?: string; clusterId?: number } = {}) {
  return useQuery({
    queryKey: hostKeys.list(filter),
    queryFn: ({ signal }) =>
      api<Page<HostSummary>>(`/api/hosts${queryString({ ...filter, limit: 1000 })}`, { signal }),
  });
}

export function useHost(id: number) {
  return useQuery({
    queryKey: hostKeys.detail(id),
    queryFn: ({ signal }) => api<HostDetail>(`/api/hosts/${id}`, { signal }),
  });
}

/** The form sends what the person typed; the server applies the defaults. */
export type CreateHostBody = Partial<CreateHostInput> & Pick<CreateHostInput, "name" | "managementIp">;

export function useCreateHost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateHostBody) => api<HostDetail>("/api/hosts", { method: "POST", body }),
    onSuccess: () => invalidateInventory(client),
  });
}

export function useDeleteHost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/api/hosts/${id}`, { method: "DELETE" }),
    onSuccess: () => invalidateInventory(client),
  });
}

/** Settings > Hyper-V Host Settings: PATCH /api/hosts/:id { migration }. */
export function useUpdateHostSettings(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (migration: unknown) =>
      api<HostDetail>(`/api/hosts/${id}`, { method: "PATCH", body: { migration } }),
    onSuccess: (host) => {
      client.setQueryData(hostKeys.detail(id), host);
      invalidateInventory(client);
    },
  });
}
