import { z } from "zod";
// Hyper-V's and Active Directory's words come from the vocabulary, the one place they are written.
import { DELEGABLE_SERVICES, DELEGATION_LABELS, DELEGATION_MODES } from "@/lib/hyperv/vocabulary";

/** PATCH /api/active-directory/computers/:id: the Delegation tab as a whole, as its OK button applies it. */
export const SetDelegationInput = z
  .strictObject({
    mode: z.enum(DELEGATION_MODES),
    /** "Use any authentication protocol"; false: "Use Kerberos only". */
    anyProtocol: z.boolean().default(false),
    services: z
      .array(
        z.strictObject({
          service: z.enum(DELEGABLE_SERVICES, {
            error: `Use one of: ${DELEGABLE_SERVICES.join(", ")}.`,
          }),
          hostId: z.number().int().positive(),
        }),
      )
      .max(64)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== "specified" && v.services.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["services"],
        message: `Services are listed only with "${DELEGATION_LABELS.specified}".`,
      });
    }
    const seen = new Set<string>();
    v.services.forEach((s, i) => {
      const key = `${s.service.toLowerCase()}/${s.hostId}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["services", i],
          message: "This service is already in the list.",
        });
      }
      seen.add(key);
    });
  });
export type SetDelegationInput = z.infer<typeof SetDelegationInput>;

/** PATCH /api/active-directory/settings: the lab's replication delay, in minutes of lab time. */
export const ActiveDirectorySettingsInput = z.strictObject({
  replicationMinutes: z
    .number({ error: "Enter a whole number of minutes from 0 to 1440." })
    .int("Enter a whole number of minutes from 0 to 1440.")
    .min(0, "Enter a whole number of minutes from 0 to 1440.")
    .max(1440, "Enter a whole number of minutes from 0 to 1440."),
});
export type ActiveDirectorySettingsInput = z.infer<typeof ActiveDirectorySettingsInput>;
