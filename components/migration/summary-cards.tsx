import { formatBytes, formatSeconds } from "@/lib/present/format";
import type { MigrationDetail } from "@/lib/schemas/migration";
import type { Figures } from "./view-model";

function Figure({
  label,
  value,
  detail,
  tone,
}: {
  label: string;
  value: string;
  detail?: React.ReactNode;
  tone?: "success" | "warning" | "danger";
}) {
  const colour =
    tone === "success"
      ? "text-success"
      : tone === "warning"
        ? "text-warning"
        : tone === "danger"
          ? "text-danger"
          : "";
  return (
    <section
      aria-label={label}
      className="min-w-0 rounded-sm border border-border bg-surface px-4 py-3 shadow-[0_1.6px_3.6px_rgba(0,0,0,0.08)]"
    >
      <h3 className="text-sm text-fg-muted">{label}</h3>
      <div className={`mt-1 text-xl font-semibold tabular-nums ${colour}`}>{value}</div>
      {detail ? <div className="mt-0.5 text-sm text-fg-muted">{detail}</div> : null}
    </section>
  );
}

/** The disk copy in a line: bytes copied of the whole, and the guest's writes mirrored meanwhile. */
export function storageWords(s: NonNullable<Figures["storage"]>): string {
  const mirrored = s.mirroredBytes > 0 ? ` + ${formatBytes(s.mirroredBytes)} of writes mirrored` : "";
  return s.copiedBytes >= s.bytes
    ? `Disks: ${formatBytes(s.bytes)} copied${mirrored}`
    : `Disks: ${formatBytes(s.copiedBytes)} of ${formatBytes(s.bytes)} copied${mirrored}`;
}

/** Total time, blackout, data, passes and whether the pre-copy converged (or the prediction, live). */
export function SummaryCards({
  detail,
  figures: f,
  maxPasses,
}: {
  detail: MigrationDetail;
  figures: Figures;
  maxPasses: number;
}) {
  const p = detail.prediction;
  const predicted = (text: string) => (f.final ? undefined : `Predicted ${text}`);
  if (detail.kind === "storage") return <StorageCards detail={detail} figures={f} />;
  const blackout =
    f.downtimeMs !== null
      ? formatSeconds(f.downtimeMs)
      : detail.blackout
        ? "In progress"
        : f.final
          ? "None"
          : "Not yet";
  const convergence =
    f.converged === true
      ? { value: "Converged", tone: "success" as const }
      : f.converged === false
        ? { value: "Did not converge", tone: "warning" as const }
        : f.final
          ? { value: detail.status === "cancelled" ? "Cancelled" : "Failed", tone: "danger" as const }
          : { value: p.converged ? "Expected to converge" : "Not expected to converge", tone: undefined };
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-[1fr_1fr_1fr_1fr_2fr]">
      <Figure
        label="Total time"
        value={detail.stages.length === 0 && !detail.summary ? "Not started" : formatSeconds(f.totalMs)}
        detail={predicted(formatSeconds(p.totalMs))}
      />
      <Figure
        label="Blackout"
        value={blackout}
        tone={f.downtimeMs !== null && f.downtimeMs > 1000 ? "warning" : undefined}
        detail={
          predicted(formatSeconds(p.downtimeMs)) ??
          (f.downtimeMs !== null ? "VM paused for the switchover" : "The VM was never paused")
        }
      />
      <Figure
        label="Data sent"
        value={formatBytes(f.bytesSent)}
        detail={
          <>
            {`${formatBytes(f.wireBytes)} on the wire${f.final ? "" : ` · predicted ${formatBytes(p.bytesSent)}`}`}
            {f.storage ? <div>{storageWords(f.storage)}</div> : null}
          </>
        }
      />
      <Figure
        label="Pass count"
        value={`${f.passes} of ${maxPasses}`}
        detail={
          f.final
            ? f.stoppedAtCap
              ? "Stopped at the pass cap"
              : "Pre-copy passes"
            : predicted(String(p.passes))
        }
      />
      <Figure
        label={f.final ? "Convergence" : "Convergence (predicted)"}
        value={convergence.value}
        tone={convergence.tone}
        detail={f.reason}
      />
    </div>
  );
}

/**
 * A storage move: the same tiles, in its terms. No blackout (the VM never pauses), the disk bytes
 * copied and the writes mirrored, and how far the copy has got instead of a pass count.
 */
function StorageCards({ detail, figures: f }: { detail: MigrationDetail; figures: Figures }) {
  const p = detail.prediction;
  const s = f.storage ?? { bytes: p.storage?.bytes ?? 0, copiedBytes: 0, mirroredBytes: 0 };
  const copiedAll = s.bytes > 0 && s.copiedBytes >= s.bytes;
  const percent = s.bytes > 0 ? Math.floor((100 * s.copiedBytes) / s.bytes) : 0;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-[1fr_1fr_1fr_1fr_2fr]">
      <Figure
        label="Total time"
        value={detail.stages.length === 0 && !detail.summary ? "Not started" : formatSeconds(f.totalMs)}
        detail={f.final ? undefined : `Predicted ${formatSeconds(p.totalMs)}`}
      />
      <Figure label="Blackout" value="None" detail="A storage migration never pauses the VM" />
      <Figure
        label="Data sent"
        value={formatBytes(s.copiedBytes + s.mirroredBytes)}
        detail={storageWords(s)}
      />
      <Figure
        label="Disk copy"
        value={copiedAll ? "Copied" : `${percent}%`}
        detail={`${formatBytes(s.copiedBytes)} of ${formatBytes(s.bytes)}`}
      />
      <Figure
        label={f.final ? "Outcome" : "Outcome (predicted)"}
        value={
          detail.status === "succeeded"
            ? "Switched to the new files"
            : detail.status === "failed"
              ? "Failed"
              : detail.status === "cancelled"
                ? "Cancelled"
                : "No pause expected"
        }
        tone={
          detail.status === "succeeded"
            ? "success"
            : detail.status === "failed" || detail.status === "cancelled"
              ? "danger"
              : undefined
        }
        detail={f.reason}
      />
    </div>
  );
}
