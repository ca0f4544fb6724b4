import { z } from "zod";

/** Input of `npm run simulate` (and of anything that hands a raw JSON simulation to lib/engine). */

const bytes = z.number().finite().nonnegative();
const ms = z.number().finite().nonnegative();

export const SimulationDirtyInput = z.discriminatedUnion("model", [
  z.strictObject({
    model: z.literal("linear"),
    bytesPerSecond: bytes,
    workingSetBytes: z.number().finite().positive().optional(),
  }),
  z.strictObject({
    model: z.literal("hotset"),
    hotSetBytes: bytes,
    writesPerSecond: z.number().finite().nonnegative(),
    coldBytesPerSecond: bytes,
  }),
]);
export type SimulationDirtyInput = z.infer<typeof SimulationDirtyInput>;

const SimulationResource = z.strictObject({
  id: z.string().min(1),
  bytesPerSecond: z.number().finite().positive(),
});

export const SimulationLinkInput = z.strictObject({
  bytesPerSecond: z.number().finite().positive(),
  id: z.string().min(1).optional(),
  nics: z.number().int().min(1).max(64).optional(),
  rdma: z.boolean().optional(),
  via: z.array(SimulationResource).max(8).optional(),
});
export type SimulationLinkInput = z.infer<typeof SimulationLinkInput>;

export const SimulationPolicyInput = z.strictObject({
  maxPasses: z.number().int().min(1).max(1000),
  stopBelowBytes: bytes,
  setupMs: ms,
  switchoverMs: ms,
  cleanupMs: ms,
  deviceStateBytes: bytes,
  precopy: z.boolean().optional(),
  memory: z.boolean().optional(),
});
export type SimulationPolicyInput = z.infer<typeof SimulationPolicyInput>;

export const SimulationTransport = z.enum(["raw", "tcpip", "compression", "smb"]);

export const SimulationMigrationInput = z.strictObject({
  memoryBytes: z.number().finite().positive(),
  pageBytes: z.number().int().positive(),
  dirty: SimulationDirtyInput,
  link: SimulationLinkInput,
  transport: SimulationTransport,
  policy: SimulationPolicyInput,
  compression: z
    .strictObject({
      ratio: z.number().finite().positive().optional(),
      cpuBytesPerSecond: z.number().finite().positive().optional(),
    })
    .optional(),
  storage: z
    .strictObject({
      bytes,
      writeBytesPerSecond: bytes,
      disks: z.array(SimulationResource).max(8).optional(),
    })
    .optional(),
  noise: z.number().min(0).max(0.5),
  seed: z.number().int(),
  startMs: ms.optional(),
});
export type SimulationMigrationInput = z.infer<typeof SimulationMigrationInput>;

export const SimulationManyInput = z
  .strictObject({ migrations: z.array(SimulationMigrationInput).min(1).max(100_000) })
  .superRefine((value, ctx) => {
    // One link id is one NIC: its line rate must not depend on which migration named it first.
    const rates = new Map<string, number>();
    value.migrations.forEach((m, i) => {
      const id = m.link.id;
      if (id === undefined) return;
      const first = rates.get(id);
      if (first === undefined) rates.set(id, m.link.bytesPerSecond);
      else if (first !== m.link.bytesPerSecond) {
        ctx.addIssue({
          code: "custom",
          path: ["migrations", i, "link", "bytesPerSecond"],
          message: `link "${id}" already has ${first} bytes/s`,
        });
      }
    });
  });
export type SimulationManyInput = z.infer<typeof SimulationManyInput>;

export type SimulationFileInput =
  | { kind: "one"; input: SimulationMigrationInput }
  | { kind: "many"; input: SimulationManyInput };

/** Parses either form; errors name the field, e.g. "migrations.1.link.bytesPerSecond: ...". */
export function parseSimulationFile(
  value: unknown,
): { ok: true; value: SimulationFileInput } | { ok: false; errors: string[] } {
  const many = typeof value === "object" && value !== null && "migrations" in value;
  const result = many ? SimulationManyInput.safeParse(value) : SimulationMigrationInput.safeParse(value);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    };
  }
  return {
    ok: true,
    value: many
      ? { kind: "many", input: result.data as SimulationManyInput }
      : { kind: "one", input: result.data as SimulationMigrationInput },
  };
}
