import type { StreamState } from "@/lib/client/use-migrations";
import { formatDateTime } from "@/lib/present/format";
import type { MigrationDetail } from "@/lib/schemas/migration";

/** Whether the page is following the move live, or showing what the store recorded. */
export function StreamIndicator({ state, detail }: { state: StreamState; detail: MigrationDetail }) {
  if (detail.status !== "running" && detail.status !== "queued") {
    return detail.finishedAt ? (
      <span className="text-sm text-fg-muted">Finished {formatDateTime(detail.finishedAt)}</span>
    ) : null;
  }
  const [dot, text] =
    state === "live"
      ? ["bg-success animate-pulse", "Live"]
      : state === "reconnecting"
        ? ["bg-warning", "Reconnecting..."]
        : ["bg-border-strong", "Connecting..."];
  return (
    <span role="status" className="inline-flex items-center gap-1.5 text-sm text-fg-muted">
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      {text}
    </span>
  );
}
