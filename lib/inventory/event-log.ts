import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { EventListQuery } from "@/lib/schemas/event-log";
import { pageOf } from "./json";

export async function listEventLog(query: EventListQuery) {
  const scope: Prisma.EventLogEntryWhereInput = {
    ...(query.hostId ? { hostId: query.hostId } : {}),
    ...(query.vmId ? { vmId: query.vmId } : {}),
  };
  const where: Prisma.EventLogEntryWhereInput = {
    ...scope,
    ...(query.level ? { level: query.level } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.eventId !== undefined ? { eventId: query.eventId } : {}),
    ...(query.from || query.to
      ? {
          time: {
            ...(query.from ? { gte: new Date(query.from) } : {}),
            ...(query.to ? { lte: new Date(query.to) } : {}),
          },
        }
      : {}),
  };
  const offset = Number(query.cursor ?? 0);
  const [rows, total, logs] = await Promise.all([
    db.eventLogEntry.findMany({
      where,
      orderBy: [{ time: "desc" }, { id: "desc" }],
      skip: offset,
      take: query.limit,
      include: { host: { select: { name: true } }, vm: { select: { name: true } } },
    }),
    db.eventLogEntry.count({ where }),
    // The logs this host or VM has entries in, whatever the other filters: the filter's choices.
    db.eventLogEntry.groupBy({ by: ["channel"], where: scope, orderBy: { channel: "asc" } }),
  ]);
  const items = rows.map(({ host, vm, time, ...r }) => ({
    ...r,
    time: time.toISOString(),
    hostName: host?.name ?? null,
    vmName: vm?.name ?? null,
  }));
  return { ...pageOf(items, offset, query.limit, total), channels: logs.map((l) => l.channel) };
}
export type EventLogPage = Awaited<ReturnType<typeof listEventLog>>;
export type EventLogItem = EventLogPage["items"][number];
