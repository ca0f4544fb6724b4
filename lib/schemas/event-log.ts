import { z } from "zod";
import { Paging } from "./common";

const when = (example: string) =>
  z.iso.datetime({ offset: true, error: `Use an ISO date and time, such as ${example}.` }).optional();

/** GET /api/event-log: Event Viewer's filter (log, event id, level, logged between). */
export const EventListQuery = z.strictObject({
  ...Paging,
  hostId: z.coerce.number().int().positive().optional(),
  vmId: z.coerce.number().int().positive().optional(),
  level: z.enum(["Information", "Warning", "Error"]).optional(),
  /** A log by its full name (Microsoft-Windows-Hyper-V-VMMS-Admin). */
  channel: z.string().trim().min(1).max(200).optional(),
  eventId: z.coerce
    .number({ error: "Enter an event ID from 0 to 65535." })
    .int("Enter an event ID from 0 to 65535.")
    .min(0, "Enter an event ID from 0 to 65535.")
    .max(65535, "Enter an event ID from 0 to 65535.")
    .optional(),
  /** Logged at or after (lab time). */
  from: when("2026-11-30T08:00:00Z"),
  /** Logged at or before (lab time). */
  to: when("2026-11-30T18:00:00Z"),
});
export type EventListQuery = z.infer<typeof EventListQuery>;
