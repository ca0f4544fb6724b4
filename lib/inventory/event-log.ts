import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { EventListQuery } from "@/lib/schemas/event-log";
import { pageOf } from "./json";

export async function listEventLog(query: EventListQuery) {
  const where: Prisma.EventLogEntryWhereInput = {
    ...(query.hostId ? { hostId: query.hostId } : {}),
    ...(query.vmId ? { vmId: query.vmId } : {}),
    ...(query.level ? { level: query.level } : {}),
  };
  const offset = Number(query.cursor ?? 0);
  const [rows, total] = await Promise.all([
    db.eventLogEntry.findMany({
      where,
      orderBy: [{ time: "desc" }, { id: "desc" }],
      skip: offset,
      take: query.limit,
      include: { host: { select: { name: true } }, vm: { select: { name: true } } },
    }),
    db.eventLogEntry.count({ where }),
  ]);
  const items = rows.map(({ host, vm, time, ...r }) => ({
    ...r,
    time: time.toISOString(),
    hostName: host?.name ?? null,
    vmName: vm?.name ?? null,
  }));
  return pageOf(items, offset, query.limit, total);
}
export type EventLogItem = Awaited<ReturnType<typeof listEventLog>>["items"][number];
