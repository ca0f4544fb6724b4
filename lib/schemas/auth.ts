import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { Paging } from "./common";
import { AUDIT_OUTCOMES } from "./values";

// Gateway access: sign-in, one-time links, users, the audit log and the suites' sessions.

const Token = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "This link is not valid.");
const UserName = z
  .string()
  .trim()
  .min(1, "Enter a user name.")
  .max(64, "A user name has at most 64 characters.")
  .regex(/^[A-Za-z0-9._@-]+$/, "Use letters, digits and . _ @ - only.");

export const SignInInput = z.strictObject({
  name: UserName,
  password: z.string().min(1, "Enter the password.").max(200),
});
export type SignInInput = z.infer<typeof SignInInput>;

export const LinkInput = z.strictObject({ token: Token });
export type LinkInput = z.infer<typeof LinkInput>;

export const SetPasswordInput = z.strictObject({ token: Token, password: z.string().max(200) });
export type SetPasswordInput = z.infer<typeof SetPasswordInput>;

export const CreateUserInput = z.strictObject({ name: UserName, role: z.enum(ROLES) });
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({ role: z.enum(ROLES) });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** POST /api/lab/sessions (control API): a user of this role, made if needed, and a session. */
export const SuiteSessionInput = z.strictObject({ name: UserName, role: z.enum(ROLES) });
export type SuiteSessionInput = z.infer<typeof SuiteSessionInput>;

export { AUDIT_OUTCOMES } from "./values";

export const AuditQuery = z.strictObject({
  ...Paging,
  user: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: z.iso
    .datetime({ offset: true, error: "Use an ISO date and time, such as 2026-11-30T08:00:00Z." })
    .optional(),
  to: z.iso
    .datetime({ offset: true, error: "Use an ISO date and time, such as 2026-11-30T18:00:00Z." })
    .optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditEntryDto {
  id: number;
  at: string;
  user: string;
  role: string;
  action: string;
  method: string;
  path: string;
  target: string | null;
  address: string;
  status: number;
  outcome: (typeof AUDIT_OUTCOMES)[number];
  message: string | null;
}

/** GET /api/auth/session: who this is, and what the gateway asks of this browser. */
export interface SessionInfo {
  signInRequired: boolean;
  /** The signed-in user's id (null for the local administrator or no one). */
  userId: number | null;
  user: { name: string; role: (typeof ROLES)[number]; local: boolean } | null;
}
