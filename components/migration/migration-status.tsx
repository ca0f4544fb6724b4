import { Ban, CheckCircle2, Clock, Loader2, XCircle } from "lucide-react";
import type { MigrationStatus } from "@/lib/schemas/migration";
import { STATUS_LABELS } from "./status-text";

const ICONS: Record<MigrationStatus, { icon: typeof Clock; className: string }> = {
  queued: { icon: Clock, className: "text-fg-muted" },
  running: { icon: Loader2, className: "animate-spin text-accent" },
  succeeded: { icon: CheckCircle2, className: "text-success" },
  failed: { icon: XCircle, className: "text-danger" },
  cancelled: { icon: Ban, className: "text-warning" },
};

/** A migration's status with its icon; the word is always shown, colour is never the only cue. */
export function MigrationStatusBadge({ status }: { status: MigrationStatus }) {
  const { icon: Icon, className } = ICONS[status];
  return (
    <span className="inline-flex items-center gap-1.5">
      <Icon aria-hidden size={14} className={className} />
      <span>{STATUS_LABELS[status]}</span>
    </span>
  );
}

/** A thin progress bar; the percent is for the label, the bar itself is decoration. */
export function ProgressBar({
  percent,
  status,
  label,
  className = "h-1.5",
}: {
  percent: number;
  status: MigrationStatus;
  label: string;
  className?: string;
}) {
  const colour =
    status === "failed"
      ? "bg-danger"
      : status === "cancelled"
        ? "bg-warning"
        : status === "succeeded"
          ? "bg-success"
          : "bg-accent";
  const value = Math.max(0, Math.min(100, Math.floor(percent)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      className={`w-full overflow-hidden rounded-sm bg-subtle ${className}`}
    >
      <div className={`h-full ${colour} transition-[width] duration-500`} style={{ width: `${value}%` }} />
    </div>
  );
}
