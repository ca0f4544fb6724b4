"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Guide } from "@/lib/lab/guide";
import { api } from "./api";

export const guideKeys = { all: ["lab-guide"] as const };

/** The guided lab, checked again every two seconds: its steps are done on other pages. */
export function useGuide() {
  return useQuery({
    queryKey: guideKeys.all,
    queryFn: ({ signal }) => api<Guide>("/api/lab/guide", { signal }),
    refetchInterval: 2000,
  });
}

/** Starts a lesson (or starts it over): the estate is replaced, so every cached page is stale. */
export function useStartLesson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (lesson: string) => api<Guide>("/api/lab/guide", { method: "POST", body: { lesson } }),
    onSuccess: async (guide) => {
      await client.invalidateQueries();
      client.setQueryData(guideKeys.all, guide);
    },
  });
}

export function useAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { question: string; choice: string }) =>
      api<Guide>("/api/lab/guide/answers", { method: "POST", body }),
    onSuccess: (guide) => client.setQueryData(guideKeys.all, guide),
  });
}

export function useLabAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: string) =>
      api<Guide>("/api/lab/guide/actions", { method: "POST", body: { action } }),
    onSuccess: async (guide) => {
      await client.invalidateQueries();
      client.setQueryData(guideKeys.all, guide);
    },
  });
}
