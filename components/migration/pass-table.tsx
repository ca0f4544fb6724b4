import { formatBytes, formatRate, formatSeconds } from "@/lib/present/format";
import type { PassPayload } from "@/lib/schemas/migration";

const HEADERS = ["Pass", "Sent", "On the wire", "Duration", "Dirtied", "Dirty rate", "Throughput"];

/** Every pre-copy pass as numbers: the chart's data, readable by people and by tests. */
export function PassTable({
  passes,
  stopBelowBytes,
  emptyText,
}: {
  passes: PassPayload[];
  stopBelowBytes: number;
  /** What to say when no pass has finished: that none has yet, or how far the move got. */
  emptyText: string;
}) {
  if (passes.length === 0) return <p className="py-2 text-fg-muted">{emptyText}</p>;
  return (
    <div className="overflow-x-auto">
      <table aria-label="Pre-copy passes" className="w-full border-collapse text-left">
        <thead>
          <tr className="h-8 border-b border-border">
            {HEADERS.map((h, i) => (
              <th key={h} scope="col" className={`px-2 font-semibold ${i === 0 ? "" : "text-right"}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {passes.map((p) => (
            <tr key={p.pass} className="h-8 border-b border-border hover:bg-hover">
              <th scope="row" className="px-2 font-normal">
                {p.pass}
              </th>
              <td className="px-2 text-right">{formatBytes(p.bytes)}</td>
              <td className="px-2 text-right">{formatBytes(p.wireBytes)}</td>
              <td className="px-2 text-right">{formatSeconds(p.durationMs)}</td>
              <td className={`px-2 text-right ${p.dirtiedBytes <= stopBelowBytes ? "text-success" : ""}`}>
                {formatBytes(p.dirtiedBytes)}
              </td>
              <td className="px-2 text-right">{formatRate(p.dirtyBytesPerSecond)}</td>
              <td className="px-2 text-right">{formatRate(p.throughputBytesPerSecond)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
