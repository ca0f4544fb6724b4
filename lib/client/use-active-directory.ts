"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ComputerAccountList, ComputerAccountView } from "@/lib/inventory/active-directory";
import type { ActiveDirectorySettingsInput, SetDelegationInput } from "@/lib/schemas/active-directory";
import { api } from "./api";
import { activeDirectoryKeys, invalidateInventory } from "./keys";

/** The Active Directory tool: every computer account of the domain with its delegation. */
export function useComputerAccounts() {
  return useQuery({
    queryKey: [...activeDirectoryKeys.all, "computers"],
    queryFn: ({ signal }) => api<ComputerAccountList>("/api/active-directory/computers", { signal }),
  });
}

/** One host's account (the Settings tool shows whether a delegation change is pending there). */
export function useComputerAccount(hostId: number) {
  return useQuery({
    queryKey: [...activeDirectoryKeys.all, "computer", hostId],
    queryFn: ({ signal }) =>
      api<ComputerAccountView>(`/api/active-directory/computers/${hostId}`, { signal }),
  });
}

export function useSetDelegation(hostId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetDelegationInput) =>
      api<ComputerAccountView>(`/api/active-directory/computers/${hostId}`, { method: "PATCH", body }),
    onSuccess: () => invalidateInventory(client),
  });
}

/** klist purge -li 0x3e7 on the host. */
export function usePurgeTickets(hostId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<ComputerAccountView>(`/api/hosts/${hostId}/purge-tickets`, { method: "POST", body: {} }),
    onSuccess: () => invalidateInventory(client),
  });
}

export function useSetActiveDirectorySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ActiveDirectorySettingsInput) =>
      api<ComputerAccountList>("/api/active-directory/settings", { method: "PATCH", body }),
    onSuccess: () => invalidateInventory(client),
  });
}
