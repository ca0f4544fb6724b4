import { z } from "zod";
import { ComputerName, Fqdn, Ipv4, Paging, Tags } from "./common";

export const CreateClusterInput = z.strictObject({
  name: ComputerName,
  fqdn: Fqdn.optional(),
  ipAddress: Ipv4,
  nodeIds: z
    .array(z.number().int().positive())
    .min(1, "A cluster needs at least one node.")
    .max(64)
    .refine((ids) => new Set(ids).size === ids.length, "Each node can be listed once."),
  maxParallelMigrations: z.number().int().min(1).max(64).default(2),
  tags: Tags.default([]),
});
export type CreateClusterInput = z.infer<typeof CreateClusterInput>;

export const ClusterListQuery = z.strictObject({
  ...Paging,
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(32).optional(),
});
export type ClusterListQuery = z.infer<typeof ClusterListQuery>;
