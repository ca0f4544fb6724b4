"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ClockStateDto } from "@/lib/schemas/lab";
import { api } from "./api";

export const labClockKey = ["lab-clock"] as const;

/** The lab clock as the server keeps it; /api/events' `clock` messages update it in place. */
export function useLabClock() {
  return useQuery({
    queryKey: labClockKey,
    queryFn: () => api<ClockStateDto>("/api/lab/clock"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The lab's now from its clock as last heard, run on by the browser's own clock while it runs. */
export function labNow(clock: ClockStateDto | undefined, heardAt: number, wallNow: number): number {
  if (!clock) return wallNow;
  return clock.mode === "paused" ? clock.nowMs : clock.nowMs + (wallNow - heardAt) * clock.rate;
}

/**
 * The lab's current time, refreshed every `ms`, so relative times (uptime, "n seconds ago")
 * follow the lab clock: they stand still when a suite pauses it, as the server's times do.
 */
export function useNow(ms = 30_000): number {
  const { data, dataUpdatedAt } = useLabClock();
  const [wall, setWall] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWall(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return labNow(data, dataUpdatedAt || wall, Math.max(wall, dataUpdatedAt));
}
