import { z } from "zod";
import { Cidr, ComputerName, Fqdn, Ipv4, networkAddress, Paging, Tags } from "./common";
import { AUTH_PROTOCOLS, CPU_VENDORS, HOST_ROLES, HOST_STATES, PERFORMANCE_OPTIONS } from "./values";

export { AUTH_PROTOCOLS, CPU_VENDORS, HOST_ROLES, HOST_STATES, PERFORMANCE_OPTIONS } from "./values";

/** A whole number from `min` to `max`, with one message for every way of missing it (the form shows it). */
const wholeNumber = (min: number, max: number) => {
  const message = `Enter a whole number from ${min} to ${max}.`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
};

export const MigrationSettingsInput = z.strictObject({
  enabled: z.boolean().optional(),
  maxLiveMigrations: wholeNumber(1, 64).optional(),
  maxStorageMigrations: wholeNumber(1, 64).optional(),
  authentication: z.enum(AUTH_PROTOCOLS).optional(),
  performanceOption: z.enum(PERFORMANCE_OPTIONS).optional(),
  useAnyNetwork: z.boolean().optional(),
  maxPasses: wholeNumber(1, 10).optional(),
  networks: z
    .array(z.strictObject({ subnet: Cidr.transform(networkAddress), priority: wholeNumber(1, 9999) }))
    .max(32)
    .superRefine((networks, ctx) => {
      const seen = new Set<string>();
      networks.forEach((n, i) => {
        if (seen.has(n.subnet)) {
          ctx.addIssue({
            code: "custom",
            path: [i, "subnet"],
            message: `${n.subnet} is already in the list.`,
          });
        }
        seen.add(n.subnet);
      });
    })
    .optional(),
});
export type MigrationSettingsInput = z.infer<typeof MigrationSettingsInput>;

export const CreateHostInput = z.strictObject({
  name: ComputerName,
  fqdn: Fqdn.optional(),
  managementIp: Ipv4,
  osVersion: z
    .enum([
      "Windows Server 2019 Datacenter",
      "Windows Server 2022 Datacenter",
      "Windows Server 2022 Standard",
      "Windows Server 2025 Datacenter",
    ])
    .default("Windows Server 2022 Datacenter"),
  cpuVendor: z.enum(CPU_VENDORS).default("Intel"),
  cpuModel: z.string().trim().min(1).max(100).default("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz"),
  cpuFeatureLevel: z.string().trim().min(1).max(40).default("Ice Lake"),
  logicalProcessors: z.number().int().min(1).max(2048).default(32),
  memoryMiB: z
    .number()
    .int()
    .min(4096, "A Hyper-V host needs at least 4 GiB (4096 MiB).")
    .max(4 * 1024 * 1024, "At most 4 TiB.")
    .default(128 * 1024),
  roles: z.array(z.enum(HOST_ROLES)).max(HOST_ROLES.length).default(["Hyper-V"]),
  tags: Tags.default([]),
  // No cluster here: a server joins a cluster only through Create cluster, which validates it.
});
export type CreateHostInput = z.infer<typeof CreateHostInput>;

export const UpdateHostInput = z
  .strictObject({
    state: z.enum(HOST_STATES).optional(),
    tags: Tags.optional(),
    managingAs: z.string().trim().min(1).max(64).optional(),
    migration: MigrationSettingsInput.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");
export type UpdateHostInput = z.infer<typeof UpdateHostInput>;

export const HostListQuery = z.strictObject({
  ...Paging,
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(32).optional(),
  clusterId: z.coerce.number().int().positive().optional(),
  role: z.enum(HOST_ROLES).optional(),
});
export type HostListQuery = z.infer<typeof HostListQuery>;
