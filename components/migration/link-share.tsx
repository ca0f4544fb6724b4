import Link from "next/link";
import { ChartLinkShare } from "@/components/charts/lazy";
import { formatLinkRate, formatSeconds } from "@/lib/present/format";
import type { MigrationDetail } from "@/lib/schemas/migration";
import { hasEnded, linkName, paceWords, type ShareRow, wireWords } from "./view-model";

const CAUSE: Record<MigrationDetail["shares"][number]["cause"], string> = {
  started: "started sending",
  joined: "joined",
  left: "left",
  capacity: "link changed",
  transfer: "transfer changed",
};

function MoveLink({ id }: { id: number }) {
  return (
    <Link href={`/migrations/${id}`} className="text-accent underline">
      move {id}
    </Link>
  );
}

/**
 * The move's share of the NICs (or disks) it crosses: who it shares them with now (once it has
 * ended: when it last sent), at which rate the lab's one timeline runs, its share over time, and
 * when another move joined or left.
 */
export function LinkShare({
  detail,
  rows,
  startMs,
}: {
  detail: MigrationDetail;
  rows: ShareRow[];
  startMs: number;
}) {
  // Once the move has ended its share is history: the links as they were when it last sent (a
  // move's final share event may be one where it has already left the links).
  const ended = hasEnded(detail);
  const last = ended
    ? detail.shares.findLast((s) => s.links.some((l) => l.flows.some((f) => f.migrationId === detail.id)))
    : detail.shares.at(-1);
  const changes = detail.shares.filter((s) => s.cause !== "transfer");
  return (
    <div className="flex flex-col gap-3">
      <p>
        {paceWords(detail)}
        {detail.pace && detail.pace.speed !== detail.pace.askedSpeed
          ? `: every move ${ended ? "ran" : "runs"} on the lab's one timeline, at the highest speed a running move asked.`
          : "."}
      </p>
      <p className="text-sm text-fg-muted">{wireWords(detail)}</p>
      {last && ended ? <p className="text-fg-muted">When it last sent, before it ended:</p> : null}
      {last ? (
        <ul aria-label={ended ? "Links when it last sent" : "Links now"} className="flex flex-col gap-1">
          {last.links.map((l) => {
            const mine = l.flows.find((f) => f.migrationId === detail.id);
            const sharers = l.flows.filter((f) => f.migrationId !== detail.id);
            return (
              <li key={l.id}>
                <span className="font-semibold">{linkName(l.id, detail)}</span>{" "}
                <span className="text-fg-muted">
                  (
                  {l.capacityBytesPerSecond > 0
                    ? formatLinkRate(l.capacityBytesPerSecond)
                    : "down: nothing gets through"}
                  )
                </span>
                :{" "}
                {mine
                  ? `this move ${ended ? "had " : ""}${formatLinkRate(mine.wireBytesPerSecond)}`
                  : ended
                    ? "this move sent nothing on it"
                    : "this move no longer sends"}
                {sharers.length > 0 ? (
                  <>
                    {", shared max-min with "}
                    {sharers.map((f, i) => (
                      <span key={f.migrationId}>
                        {i > 0 ? ", " : ""}
                        <MoveLink id={f.migrationId} /> ({formatLinkRate(f.wireBytesPerSecond)})
                      </span>
                    ))}
                  </>
                ) : (
                  ", alone on it"
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-fg-muted">
          {detail.status === "running"
            ? "The move has not sent anything yet: it takes its share once setup ends."
            : "This move took no share of a link."}
        </p>
      )}
      {rows.length > 1 ? (
        <figure aria-label="This move's share of its links over simulated time" className="m-0">
          <ChartLinkShare rows={rows} />
        </figure>
      ) : null}
      {changes.length > 0 ? (
        <ol aria-label="Link changes" className="flex flex-col gap-0.5 text-sm">
          {changes.map((s) => (
            <li key={`${s.atMs}-${s.cause}-${s.otherMigrationId ?? ""}`}>
              <span className="text-fg-muted tabular-nums">
                +{formatSeconds(Math.max(0, s.atMs - startMs))}
              </span>{" "}
              {s.otherMigrationId !== null ? (
                <>
                  <MoveLink id={s.otherMigrationId} /> {CAUSE[s.cause]}
                </>
              ) : (
                CAUSE[s.cause]
              )}
              : this move {formatLinkRate(s.wireBytesPerSecond)}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
