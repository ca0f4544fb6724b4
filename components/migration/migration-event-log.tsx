import { Status } from "@/components/ui/status";
import { formatSeconds } from "@/lib/present/format";
import type { MigrationDetail } from "@/lib/schemas/migration";

/** The Hyper-V events this move wrote (20413, 20415, 21502...), oldest first, as Event Viewer lists them. */
export function MigrationEventLog({ log, startMs }: { log: MigrationDetail["log"]; startMs: number }) {
  if (log.length === 0) return <p className="py-2 text-fg-muted">No events yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table aria-label="Migration events" className="w-full border-collapse text-left">
        <thead>
          <tr className="h-8 border-b border-border">
            <th scope="col" className="w-32 px-2 font-semibold">
              Level
            </th>
            <th scope="col" className="w-24 px-2 font-semibold whitespace-nowrap">
              Event ID
            </th>
            <th scope="col" className="w-20 px-2 text-right font-semibold">
              Time
            </th>
            <th scope="col" className="w-20 px-2 font-semibold">
              Host
            </th>
            <th scope="col" className="px-2 font-semibold">
              Message
            </th>
          </tr>
        </thead>
        <tbody>
          {log.map((e) => (
            <tr key={e.seq} className="border-b border-border align-top hover:bg-hover">
              <td className="px-2 py-1.5 whitespace-nowrap">
                <Status value={e.level} />
              </td>
              <td className="px-2 py-1.5 tabular-nums">{e.eventId}</td>
              <td className="px-2 py-1.5 text-right whitespace-nowrap tabular-nums text-fg-muted">
                +{formatSeconds(Math.max(0, e.atMs - startMs))}
              </td>
              <td className="px-2 py-1.5">{e.hostName}</td>
              <td className="px-2 py-1.5">
                {e.message}
                <div className="text-sm text-fg-muted">{e.channel}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
