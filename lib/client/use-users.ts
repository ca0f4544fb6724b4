"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/roles";
import type { UserDto } from "@/lib/auth/users";
import type { AuditEntryDto } from "@/lib/schemas/auth";
import type { Page } from "@/lib/schemas/common";
import { api, queryString } from "./api";

export const userKeys = { all: ["users"] as const };
export const auditKeys = {
  all: ["audit"] as const,
  list: (filter: object) => [...auditKeys.all, filter] as const,
};

export function useUsers() {
  return useQuery({ queryKey: userKeys.all, queryFn: () => api<{ items: UserDto[] }>("/api/users") });
}

function useUserMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: userKeys.all });
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

export const useCreateUser = () =>
  useUserMutation((body: { name: string; role: Role }) =>
    api<{ user: UserDto; link: string }>("/api/users", { method: "POST", body }),
  );
export const useChangeRole = () =>
  useUserMutation(({ id, role }: { id: number; role: Role }) =>
    api<UserDto>(`/api/users/${id}`, { method: "PATCH", body: { role } }),
  );
export const useRemoveUser = () =>
  useUserMutation((id: number) => api<void>(`/api/users/${id}`, { method: "DELETE" }));
export const useNewLink = () =>
  useUserMutation((id: number) => api<{ link: string }>(`/api/users/${id}/link`, { method: "POST" }));

export interface AuditFilter {
  user?: string;
  action?: string;
  outcome?: AuditEntryDto["outcome"] | "";
  from?: string;
  to?: string;
}

export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: auditKeys.list(filter),
    queryFn: () => api<Page<AuditEntryDto>>(`/api/audit${queryString({ ...filter, limit: 200 })}`),
  });
}
