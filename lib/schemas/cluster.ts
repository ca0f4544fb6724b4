import { z } from "zod";
import { ComputerName, Fqdn, Ipv4, Paging, Tags } from "./common";

const NodeIds = z
  .array(z.number().int().positive())
  .min(1, "A cluster needs at least one node.")
  .max(64)
  .refine((ids) => new Set(ids).size === ids.length, "Each node can be listed once.");

/** A file share witness: \\server\share, optionally with a folder below it. */
export const UncPath = z
  .string()
  .trim()
  .max(260)
  .regex(
    /^\\\\[A-Za-z0-9][A-Za-z0-9.-]*\\[^\\/:*?"<>|]+(\\[^\\/:*?"<>|]+)*$/,
    "Enter a share such as \\\\DC1\\Witness.",
  );

/** The quorum witness: a clustered disk, a file share, or none (with the warning). */
export const WitnessInput = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("disk"), virtualDiskId: z.number().int().positive() }),
  z.strictObject({ type: z.literal("fileShare"), path: UncPath }),
  z.strictObject({ type: z.literal("none") }),
]);
export type WitnessInput = z.infer<typeof WitnessInput>;

/** POST /api/clusters/validate: Test-Cluster on the servers chosen as nodes. */
export const ValidateClusterInput = z.strictObject({ nodeIds: NodeIds });
export type ValidateClusterInput = z.infer<typeof ValidateClusterInput>;

/** POST /api/clusters: New-Cluster, after validation passes on the same nodes. */
export const CreateClusterInput = z.strictObject({
  name: ComputerName,
  fqdn: Fqdn.optional(),
  /** New-Cluster -StaticAddress. */
  ipAddress: Ipv4,
  nodeIds: NodeIds,
  witness: WitnessInput.default({ type: "none" }),
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

/** POST /api/clusters/:id/disks: Add Disk (one of the disks every node reaches). */
export const AddClusterDiskInput = z.strictObject({ virtualDiskId: z.number().int().positive() });
export type AddClusterDiskInput = z.infer<typeof AddClusterDiskInput>;

/** POST /api/clusters/:id/volumes: Add to Cluster Shared Volumes (a disk in Available Storage). */
export const AddCsvInput = z.strictObject({ virtualDiskId: z.number().int().positive() });
export type AddCsvInput = z.infer<typeof AddCsvInput>;
