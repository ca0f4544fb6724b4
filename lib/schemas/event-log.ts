import { z } from "zod";
import { Paging } from "./common";

export const EventListQuery = z.strictObject({
  ...Paging,
  hostId: z.coerce.number().int().positive().optional(),
  vmId: z.coerce.number().int().positive().optional(),
  level: z.enum(["Information", "Warning", "Error"]).optional(),
});
export type EventListQuery = z.infer<typeof EventListQuery>;
