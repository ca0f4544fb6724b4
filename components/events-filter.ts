// The Events tool's filter, as Event Viewer's "Filter Current Log" offers it: log, event id, level
// and "Logged" (a time range back from the lab's now). Pure, so it is tested without a browser.
import { EVENT_LOGS } from "@/lib/hyperv/vocabulary";

export const LOGGED = [
  { key: "any", label: "Any time", ms: null },
  { key: "hour", label: "Last hour", ms: 3_600_000 },
  { key: "12h", label: "Last 12 hours", ms: 12 * 3_600_000 },
  { key: "24h", label: "Last 24 hours", ms: 24 * 3_600_000 },
  { key: "7d", label: "Last 7 days", ms: 7 * 24 * 3_600_000 },
  { key: "30d", label: "Last 30 days", ms: 30 * 24 * 3_600_000 },
] as const;
export type Logged = (typeof LOGGED)[number]["key"];

/** The start of a "Logged" range at the lab's `now`, to the minute (so the query stays put). */
export function loggedFrom(logged: Logged, now: number): string | undefined {
  const ms = LOGGED.find((l) => l.key === logged)?.ms ?? null;
  if (ms === null) return undefined;
  return new Date(Math.floor((now - ms) / 60_000) * 60_000).toISOString();
}

/** The known Hyper-V and cluster logs first, then any other log this host has entries in. */
export function logOptions(present: readonly string[]): { channel: string; label: string }[] {
  const known = new Set(EVENT_LOGS.map((l) => l.channel));
  return [...EVENT_LOGS, ...present.filter((c) => !known.has(c)).map((c) => ({ channel: c, label: c }))];
}

/** The Event ID box: empty (any), a number from 0 to 65535, or a message. */
export function parseEventId(
  text: string,
): { ok: true; value: number | undefined } | { ok: false; error: string } {
  const t = text.trim();
  if (t === "") return { ok: true, value: undefined };
  if (!/^[0-9]{1,5}$/.test(t) || Number(t) > 65535)
    return { ok: false, error: "Enter an event ID from 0 to 65535." };
  return { ok: true, value: Number(t) };
}
