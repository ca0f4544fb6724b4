import { z } from "zod";
import { Paging, VmName, WindowsFolder } from "./common";
import { VM_ACTIONS, VM_STATES, WORKLOAD_NAMES } from "./values";

export type { VmAction, VmState } from "./values";
export { VM_ACTIONS, VM_STATES, WORKLOAD_NAMES } from "./values";

export const VmActionInput = z.strictObject({ action: z.enum(VM_ACTIONS) });
export type VmActionInput = z.infer<typeof VmActionInput>;

const MemoryMiB = z
  .number()
  .int()
  .min(32, "Hyper-V needs at least 32 MB.")
  .max(12 * 1024 * 1024, "Hyper-V allows at most 12 TB.")
  .refine((n) => n % 2 === 0, "Memory must be a multiple of 2 MB.");

/**
 * POST /api/vms: New virtual machine. The new disk goes at <folder>\<name>\Virtual Hard Disks\<name>.vhdx;
 * without a folder, the cluster's first CSV for a node, D:\Hyper-V for a standalone host.
 */
export const CreateVmInput = z
  .strictObject({
    name: VmName,
    hostId: z.number().int().positive(),
    generation: z.union([z.literal(1), z.literal(2)]).default(2),
    /** Startup memory (with Dynamic Memory, between its minimum and maximum). */
    memoryMiB: MemoryMiB.default(4096),
    dynamicMemory: z.strictObject({ minimumMiB: MemoryMiB, maximumMiB: MemoryMiB }).nullable().default(null),
    vcpus: z.number().int().min(1).max(240).default(2),
    switchName: z.string().trim().min(1).max(100).nullable().default(null),
    folder: WindowsFolder.optional(),
    diskSizeGiB: z.number().int().min(1).max(65536).default(127),
    workload: z.enum(WORKLOAD_NAMES).default("idle"),
    /** Add-ClusterVirtualMachineRole once it exists: only on a cluster node, with every file on a CSV. */
    highlyAvailable: z.boolean().default(false),
  })
  .superRefine((vm, ctx) => {
    const dm = vm.dynamicMemory;
    if (dm && dm.minimumMiB > vm.memoryMiB) {
      ctx.addIssue({
        code: "custom",
        path: ["dynamicMemory", "minimumMiB"],
        message: "The minimum memory cannot be more than the startup memory.",
      });
    }
    if (dm && dm.maximumMiB < vm.memoryMiB) {
      ctx.addIssue({
        code: "custom",
        path: ["dynamicMemory", "maximumMiB"],
        message: "The maximum memory cannot be less than the startup memory.",
      });
    }
  });
export type CreateVmInput = z.infer<typeof CreateVmInput>;

export const UpdateVmInput = z
  .strictObject({
    name: VmName.optional(),
    notes: z.string().max(2000).optional(),
    memoryMiB: MemoryMiB.optional(),
    dynamicMemory: z.boolean().optional(),
    vcpus: z.number().int().min(1).max(240).optional(),
    processorCompatibility: z.boolean().optional(),
    clusterPriority: z.union([z.literal(0), z.literal(1000), z.literal(2000), z.literal(3000)]).optional(),
    workload: z.enum(WORKLOAD_NAMES).optional(),
    adapters: z
      .array(
        z.strictObject({
          id: z.number().int().positive(),
          switchName: z.string().trim().min(1).max(100).nullable(),
        }),
      )
      .max(64)
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");
export type UpdateVmInput = z.infer<typeof UpdateVmInput>;

export const VM_SORT_KEYS = ["name", "state", "host", "cpu", "memoryDemand", "memory", "uptime"] as const;

export const VmListQuery = z.strictObject({
  ...Paging,
  q: z.string().trim().max(100).optional(),
  state: z.enum(VM_STATES).optional(),
  hostId: z.coerce.number().int().positive().optional(),
  clusterId: z.coerce.number().int().positive().optional(),
  clustered: z.enum(["true", "false"]).optional(),
  sort: z.enum(VM_SORT_KEYS).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
});
export type VmListQuery = z.infer<typeof VmListQuery>;

export const VmSummaryQuery = z.strictObject({
  hostId: z.coerce.number().int().positive().optional(),
  clusterId: z.coerce.number().int().positive().optional(),
});
export type VmSummaryQuery = z.infer<typeof VmSummaryQuery>;
