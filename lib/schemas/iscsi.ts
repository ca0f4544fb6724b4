import { z } from "zod";
import { Ipv4 } from "./common";

const Id = z.number().int().positive();

/** An iSCSI qualified name, as initiators and targets carry it (RFC 3720: iqn.yyyy-mm.reversed.domain[:name]). */
export const Iqn = z
  .string()
  .trim()
  .max(223, "An IQN has at most 223 characters.")
  .transform((s) => s.toLowerCase())
  .refine((s) => /^iqn\.[0-9]{4}-[0-9]{2}\.[a-z0-9-]+(\.[a-z0-9-]+)*(:[a-z0-9.:_-]+)?$/.test(s), {
    message: "Enter an IQN such as iqn.1991-05.com.microsoft:hv1.contoso.com.",
  });

/** A VHDX file on the target server: E:\iSCSIVirtualDisks\CSV1.vhdx. */
export const VirtualDiskPath = z
  .string()
  .trim()
  .max(240, "The path is too long (at most 240 characters).")
  .regex(
    /^[A-Za-z]:\\([^\\/:*?"<>|]+\\)*[^\\/:*?"<>|]+\.vhdx$/i,
    "Enter a .vhdx path such as E:\\iSCSIVirtualDisks\\CSV1.vhdx.",
  );

/** POST /api/iscsi/virtual-disks: New-IscsiVirtualDisk. */
export const CreateVirtualDiskInput = z.strictObject({
  dataDiskId: Id,
  path: VirtualDiskPath,
  sizeGiB: z
    .number()
    .int()
    .min(1, "A virtual disk needs at least 1 GB.")
    .max(65536, "A virtual disk holds at most 64 TB."),
  type: z.enum(["Fixed", "Dynamic"]).default("Dynamic"),
});
export type CreateVirtualDiskInput = z.infer<typeof CreateVirtualDiskInput>;

const Initiators = z
  .array(Iqn)
  .min(1, "Allow at least one initiator: a target no initiator may reach serves nobody.")
  .max(64)
  .refine((iqns) => new Set(iqns).size === iqns.length, "Each initiator can be listed once.");

/** iSCSI Target Server's target names: letters, digits, dots and hyphens. */
export const TargetName = z
  .string()
  .trim()
  .min(1, "Enter a target name.")
  .max(64, "A target name has at most 64 characters.")
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "Use letters, digits, dots and hyphens.");

/** POST /api/iscsi/targets: New-IscsiServerTarget, then Add-IscsiVirtualDiskTargetMapping. */
export const CreateTargetInput = z.strictObject({
  hostId: Id,
  name: TargetName,
  initiatorIqns: Initiators,
  virtualDiskIds: z.array(Id).max(64).default([]),
});
export type CreateTargetInput = z.infer<typeof CreateTargetInput>;

/** PATCH /api/iscsi/targets/:id: Set-IscsiServerTarget -InitiatorIds. */
export const UpdateTargetInput = z.strictObject({ initiatorIqns: Initiators });
export type UpdateTargetInput = z.infer<typeof UpdateTargetInput>;

/** POST /api/iscsi/targets/:id/mappings: Add-IscsiVirtualDiskTargetMapping. */
export const AddMappingInput = z.strictObject({ virtualDiskId: Id });
export type AddMappingInput = z.infer<typeof AddMappingInput>;

/** PATCH /api/data-disks/:id: Set-Disk -IsOffline. */
export const UpdateDataDiskInput = z.strictObject({ offline: z.boolean() });
export type UpdateDataDiskInput = z.infer<typeof UpdateDataDiskInput>;

/** POST /api/hosts/:id/iscsi-initiator: what the iSCSI Initiator does on a node. */
export const InitiatorActionInput = z.discriminatedUnion("action", [
  /** New-IscsiTargetPortal: find the targets a portal offers this node. */
  z.strictObject({ action: z.literal("discover"), address: Ipv4 }),
  /** Connect-IscsiTarget -IsPersistent $true. */
  z.strictObject({ action: z.literal("connect"), targetId: Id }),
  /** Disconnect-IscsiTarget. */
  z.strictObject({ action: z.literal("disconnect"), targetId: Id }),
  /** Disk Management: bring the target's disk online (and initialize and format it the first time). */
  z.strictObject({ action: z.literal("online"), virtualDiskId: Id }),
]);
export type InitiatorActionInput = z.infer<typeof InitiatorActionInput>;
