import type { MigrationDetail } from "@/lib/schemas/migration";
import { type Figures, predictionNote, summaryTiles, type Tile } from "./view-model";

function Figure({ label, value, detail, more, tone }: Tile) {
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
      {more ? <div className="text-sm text-fg-muted">{more}</div> : null}
    </section>
  );
}

/**
 * Total time, blackout, data (with the disks copied, on a move that copies them), passes and whether
 * the pre-copy converged, or a storage move's own tiles; while the move runs, each against the
 * latest prediction (the start's, or the one made again after a throttle, which says so).
 */
export function SummaryCards({
  detail,
  figures: f,
  maxPasses,
}: {
  detail: MigrationDetail;
  figures: Figures;
  maxPasses: number;
}) {
  const note = f.final ? null : predictionNote(detail);
  return (
    <div className="flex flex-col gap-2">
      {note ? (
        <p role="note" className="text-sm text-fg-muted">
          {note}: the predicted figures below are the engine's model run on from the move's state at that
          instant, on the throttled link shared with the moves on it then.
        </p>
      ) : null}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-[1fr_1fr_1fr_1fr_2fr]">
        {summaryTiles(detail, f, maxPasses).map((t) => (
          <Figure key={t.label} {...t} />
        ))}
      </div>
    </div>
  );
}
