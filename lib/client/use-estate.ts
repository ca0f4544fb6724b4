"use client";
// The estate-building forms' hooks: cluster validation, iSCSI Target Server and initiator, cluster
// disks and CSVs, new VMs. Every change refreshes the whole inventory (it is small).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ClusterValidation } from "@/lib/inventory/cluster-create";
import type { ClusterChange } from "@/lib/inventory/cluster-storage";
import type { ClusterDetail } from "@/lib/inventory/clusters";
import type { HostDetail } from "@/lib/inventory/hosts";
import type { IscsiChange, TargetServer } from "@/lib/inventory/iscsi";
import type { Initiator, InitiatorChange } from "@/lib/inventory/iscsi-initiator";
import type { CreatedVm } from "@/lib/inventory/vms";
import type { InitiatorActionInput } from "@/lib/schemas/iscsi";
import { api } from "./api";
import { clusterKeys, hostKeys, invalidateInventory, iscsiKeys } from "./keys";

/** A server's details, once there is one to ask for (a form whose host is not chosen yet asks nothing). */
export function useHostIf(id: number | null) {
  return useQuery({
    queryKey: hostKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api<HostDetail>(`/api/hosts/${id}`, { signal }),
    enabled: id !== null && id > 0,
  });
}

/** A cluster's details, when there is a cluster to ask for. */
export function useClusterIf(id: number | null) {
  return useQuery({
    queryKey: clusterKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api<ClusterDetail>(`/api/clusters/${id}`, { signal }),
    enabled: id !== null && id > 0,
  });
}

function useChange<I, O>(send: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => invalidateInventory(client) });
}

export function useValidateCluster() {
  return useMutation({
    mutationFn: (nodeIds: number[]) =>
      api<ClusterValidation>("/api/clusters/validate", { method: "POST", body: { nodeIds } }),
  });
}

export function useTargetServer(hostId: number) {
  return useQuery({
    queryKey: iscsiKeys.target(hostId),
    queryFn: ({ signal }) => api<TargetServer>(`/api/hosts/${hostId}/iscsi-target`, { signal }),
  });
}

export function useInitiator(hostId: number) {
  return useQuery({
    queryKey: iscsiKeys.initiator(hostId),
    queryFn: ({ signal }) => api<Initiator>(`/api/hosts/${hostId}/iscsi-initiator`, { signal }),
  });
}

/** Bodies as the forms send them: what the person typed, the server validates. */
export type Body = Record<string, unknown>;

export function useCreateVirtualDisk() {
  return useChange((body: Body) => api<IscsiChange>("/api/iscsi/virtual-disks", { method: "POST", body }));
}
export function useDeleteVirtualDisk() {
  return useChange((id: number) => api<IscsiChange>(`/api/iscsi/virtual-disks/${id}`, { method: "DELETE" }));
}
export function useCreateTarget() {
  return useChange((body: Body) => api<IscsiChange>("/api/iscsi/targets", { method: "POST", body }));
}
export function useDeleteTarget() {
  return useChange((id: number) => api<IscsiChange>(`/api/iscsi/targets/${id}`, { method: "DELETE" }));
}
export function useUpdateDataDisk() {
  return useChange(({ id, offline }: { id: number; offline: boolean }) =>
    api<IscsiChange>(`/api/data-disks/${id}`, { method: "PATCH", body: { offline } }),
  );
}
export function useInitiatorAction(hostId: number) {
  return useChange((body: InitiatorActionInput | Body) =>
    api<InitiatorChange>(`/api/hosts/${hostId}/iscsi-initiator`, { method: "POST", body }),
  );
}
export function useAddClusterDisk(clusterId: number) {
  return useChange((virtualDiskId: number) =>
    api<ClusterChange>(`/api/clusters/${clusterId}/disks`, { method: "POST", body: { virtualDiskId } }),
  );
}
export function useRemoveClusterDisk(clusterId: number) {
  return useChange((diskId: number) =>
    api<ClusterChange>(`/api/clusters/${clusterId}/disks/${diskId}`, { method: "DELETE" }),
  );
}
export function useAddCsv(clusterId: number) {
  return useChange((virtualDiskId: number) =>
    api<ClusterChange>(`/api/clusters/${clusterId}/volumes`, { method: "POST", body: { virtualDiskId } }),
  );
}
export function useRemoveCsv() {
  return useChange((volumeId: number) =>
    api<ClusterChange>(`/api/volumes/${volumeId}`, { method: "DELETE" }),
  );
}
export function useCreateVm() {
  return useChange((body: Body) => api<CreatedVm>("/api/vms", { method: "POST", body }));
}
