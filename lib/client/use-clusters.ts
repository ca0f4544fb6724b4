"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreatedCluster } from "@/lib/inventory/cluster-create";
import type { ClusterDetail, ClusterListItem } from "@/lib/inventory/clusters";
import type { Storage } from "@/lib/inventory/storage";
import type { CreateClusterInput } from "@/lib/schemas/cluster";
import type { Page } from "@/lib/schemas/common";
import { api, queryString } from "./api";
import { clusterKeys, invalidateInventory, storageKeys } from "./keys";

export function useClusters(filter: { q?: string; tag?: string } = {}) {
  return useQuery({
    queryKey: clusterKeys.list(filter),
    queryFn: ({ signal }) =>
      api<Page<ClusterListItem>>(`/api/clusters${queryString({ ...filter, limit: 1000 })}`, { signal }),
  });
}

export function useCluster(id: number) {
  return useQuery({
    queryKey: clusterKeys.detail(id),
    queryFn: ({ signal }) => api<ClusterDetail>(`/api/clusters/${id}`, { signal }),
  });
}

export type CreateClusterBody = Partial<CreateClusterInput> &
  Pick<CreateClusterInput, "name" | "ipAddress" | "nodeIds">;

export function useCreateCluster() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateClusterBody) => api<CreatedCluster>("/api/clusters", { method: "POST", body }),
    onSuccess: () => invalidateInventory(client),
  });
}

export function useStorage() {
  return useQuery({
    queryKey: storageKeys.all,
    queryFn: ({ signal }) => api<Storage>("/api/storage", { signal }),
  });
}
