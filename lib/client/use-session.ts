"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { meets, type Role } from "@/lib/auth/roles";
import type { SessionInfo } from "@/lib/schemas/auth";
import { api } from "./api";

export const sessionKeys = { all: ["session"] as const };

/** Who is signed in (the local administrator on a loopback lab), and whether sign-in is needed. */
export function useSession() {
  return useQuery({
    queryKey: sessionKeys.all,
    queryFn: () => api<SessionInfo>("/api/auth/session"),
    staleTime: 60_000,
  });
}

/**
 * Why the signed-in user may not do something that needs `need`, or undefined when they may
 * (or while the session is still loading: the server checks anyway).
 */
export function useRefusal(need: Role): string | undefined {
  const { data } = useSession();
  const user = data?.user;
  if (!data || meets(user?.role ?? null, need)) return undefined;
  return user
    ? `Needs the ${need} role; ${user.name} is a ${user.role}.`
    : `Sign in with the ${need} role to do this.`;
}

/** After a sign-in: forget what the page knew as someone else, then go on to `to`. */
export function useEnterAs() {
  const client = useQueryClient();
  const router = useRouter();
  return async (to: string) => {
    await client.resetQueries();
    router.replace(to);
  };
}
