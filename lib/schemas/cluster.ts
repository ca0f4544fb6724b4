import { z } from "zod";
import { ComputerName, Fqdn, Ipv4, Paging, Tags } from "./common";
import { MAX_PARALLEL_MIGRATIONS } from "./values";

export const CreateClusterInput = z.strictObject({
  name: ComputerName,
  fqdn: Fqdn.optional(),
  ipAddress: Ipv4,
  nodeIds: z
    .array(z.number().int().positive())
    .min(1, "A cluster needs at least one node.")
    .max(64)
    .refine((ids) => new Set(ids).size === ids.length, "Each node can be listed once."),
  maxParallelMigrations: z.number().int().min(1).max(MAX_PARALLEL_MIGRATIONS).default(2),
  tags: Tags.default([]),
});
export type CreateClusterInput = z.infer<typeof CreateClusterInput>;

export const ClusterListQuery = z.strictObject({
  ...Paging,
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(32).optional(),
});
export type ClusterListQuery = z.infer<typeof ClusterListQuery>;

/**
 * PATCH /api/clusters/:id: Failover Cluster Manager's Live Migration Settings (every cluster
 * network, in the order live migrations try them, ticked or not) and MaximumParallelMigrations.
 */
export const UpdateClusterInput = z
  .strictObject({
    maxParallelMigrations: z
      .number({ error: "Enter a whole number from 1 to 64." })
      .int("Enter a whole number from 1 to 64.")
      .min(1, "At least one live migration at a time.")
      .max(MAX_PARALLEL_MIGRATIONS, `At most ${MAX_PARALLEL_MIGRATIONS}.`)
      .optional(),
    liveMigrationNetworks: z
      .array(z.strictObject({ id: z.number().int().positive(), used: z.boolean() }))
      .min(1, "List the cluster's networks.")
      .max(64)
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one setting to change.");
export type UpdateClusterInput = z.infer<typeof UpdateClusterInput>;
