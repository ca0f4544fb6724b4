import "server-only";
import { db, writeTransaction } from "@/lib/db";
import {
  ConflictError,
  NotFoundError,
  PreconditionError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from "@/lib/http/errors";
import type { CreateUserInput, UpdateUserInput } from "@/lib/schemas/auth";
import { hashPassword, newToken, passwordProblem, verifyPassword } from "./passwords";
import { AttemptLimiter } from "./rate-limit";
import type { Principal, Role } from "./roles";
import { createSession, forgetCachedSessions, hashToken } from "./sessions";

// Users of the gateway: administrators add them with a role; each sets a password from a
// one-time link. The first administrator is made at the first start that needs sign-in.

export type LinkPurpose = "sign-in" | "set-password";
const LINK_HOURS: Record<LinkPurpose, number> = { "sign-in": 24, "set-password": 72 };

const globalForLimiter = globalThis as unknown as { lmlSignInLimiter?: AttemptLimiter };
globalForLimiter.lmlSignInLimiter ??= new AttemptLimiter();
const limiter = globalForLimiter.lmlSignInLimiter;

export interface UserDto {
  id: number;
  name: string;
  role: Role;
  hasPassword: boolean;
  sessions: number;
  createdAt: string;
  createdBy: string | null;
}

const userSelect = {
  id: true,
  displayName: true,
  role: true,
  passwordHash: true,
  createdAt: true,
  createdBy: true,
  _count: { select: { sessions: true } },
} as const;

function toDto(u: {
  id: number;
  displayName: string;
  role: string;
  passwordHash: string | null;
  createdAt: Date;
  createdBy: string | null;
  _count: { sessions: number };
}): UserDto {
  return {
    id: u.id,
    name: u.displayName,
    role: u.role as Role,
    hasPassword: u.passwordHash !== null,
    sessions: u._count.sessions,
    createdAt: u.createdAt.toISOString(),
    createdBy: u.createdBy,
  };
}

export async function listUsers(): Promise<UserDto[]> {
  const rows = await db.user.findMany({ select: userSelect, orderBy: { name: "asc" } });
  return rows.map(toDto);
}

/** A new one-time link for a user; earlier unused links of the same purpose stop working. */
async function issueLink(userId: number, purpose: LinkPurpose, now = new Date()): Promise<string> {
  const token = newToken();
  await writeTransaction(async (tx) => {
    await tx.oneTimeLink.deleteMany({ where: { userId, purpose, usedAt: null } });
    await tx.oneTimeLink.create({
      data: {
        tokenHash: hashToken(token),
        userId,
        purpose,
        createdAt: now,
        expiresAt: new Date(now.getTime() + LINK_HOURS[purpose] * 3600 * 1000),
      },
    });
  });
  return token;
}

export const linkPath = (purpose: LinkPurpose, token: string): string =>
  purpose === "sign-in" ? `/sign-in/link?token=${token}` : `/set-password?token=${token}`;

export async function createUser(
  input: CreateUserInput,
  createdBy: string,
): Promise<{ user: UserDto; link: string }> {
  const name = input.name.toLowerCase();
  const user = await writeTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { name }, select: { id: true } })) {
      throw new ConflictError(`A user named '${input.name}' already exists.`, { field: "name" });
    }
    return tx.user.create({
      data: { name, displayName: input.name, role: input.role, createdBy },
      select: userSelect,
    });
  });
  return { user: toDto(user), link: linkPath("set-password", await issueLink(user.id, "set-password")) };
}

export async function newPasswordLink(id: number): Promise<{ link: string }> {
  if (!(await db.user.findUnique({ where: { id }, select: { id: true } })))
    throw new NotFoundError("User", id);
  return { link: linkPath("set-password", await issueLink(id, "set-password")) };
}

/** The lab keeps at least one administrator who can sign in. */
async function assertAnotherAdministrator(id: number): Promise<void> {
  const others = await db.user.count({ where: { role: "Administrator", id: { not: id } } });
  if (others === 0) {
    throw new PreconditionError("The lab needs at least one administrator: add another before this change.");
  }
}

export async function updateUser(id: number, input: UpdateUserInput): Promise<UserDto> {
  const current = await db.user.findUnique({ where: { id }, select: { role: true } });
  if (!current) throw new NotFoundError("User", id);
  if (current.role === "Administrator" && input.role !== "Administrator")
    await assertAnotherAdministrator(id);
  const user = await writeTransaction((tx) =>
    tx.user.update({ where: { id }, data: { role: input.role }, select: userSelect }),
  );
  forgetCachedSessions();
  return toDto(user);
}

/** Removes a user: their sessions and links end with them; moves they started keep no owner. */
export async function deleteUser(id: number, by: { userId: number | null }): Promise<void> {
  const current = await db.user.findUnique({ where: { id }, select: { role: true } });
  if (!current) throw new NotFoundError("User", id);
  if (by.userId === id) throw new PreconditionError("You cannot remove yourself; ask another administrator.");
  if (current.role === "Administrator") await assertAnotherAdministrator(id);
  await writeTransaction((tx) => tx.user.delete({ where: { id } }));
  forgetCachedSessions();
}

/** Uses a one-time link: its user, or an error that says why the link no longer works. */
async function redeem(token: string, purpose: LinkPurpose, now: Date): Promise<number> {
  return writeTransaction(async (tx) => {
    const link = await tx.oneTimeLink.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!link || link.purpose !== purpose)
      throw new UnauthorizedError("This link is not valid. Ask an administrator for a new one.");
    if (link.usedAt)
      throw new UnauthorizedError("This link was already used. Ask an administrator for a new one.");
    if (link.expiresAt <= now)
      throw new UnauthorizedError("This link has expired. Ask an administrator for a new one.");
    await tx.oneTimeLink.update({ where: { id: link.id }, data: { usedAt: now } });
    return link.userId;
  });
}

/** A new session for a user, with the user as the audit log names them. */
export interface OpenedSession {
  principal: Principal;
  token: string;
  expiresAt: Date;
}

async function open(userId: number, address: string, now = new Date()): Promise<OpenedSession> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { displayName: true, role: true },
  });
  const principal: Principal = { kind: "user", userId, name: user.displayName, role: user.role };
  return { principal, ...(await createSession(userId, address, now)) };
}

export async function signInWithLink(
  token: string,
  address: string,
  now = new Date(),
): Promise<OpenedSession> {
  return open(await redeem(token, "sign-in", now), address, now);
}

export async function setPasswordWithLink(
  token: string,
  password: string,
  address: string,
  now = new Date(),
) {
  const problem = passwordProblem(password);
  if (problem)
    throw new ValidationError("The password is not acceptable.", [{ path: "password", message: problem }]);
  // Check the link before the slow hash, so a bad link costs nothing.
  const link = await db.oneTimeLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true },
  });
  if (!link || link.usedAt)
    throw new UnauthorizedError("This link is not valid. Ask an administrator for a new one.");
  const passwordHash = await hashPassword(password);
  const userId = await redeem(token, "set-password", now);
  await writeTransaction((tx) => tx.user.update({ where: { id: userId }, data: { passwordHash } }));
  return open(userId, address, now);
}

/** Name and password; limited per account and per address, with the wait in the message. */
export async function signIn(
  name: string,
  password: string,
  address: string,
  now = new Date(),
): Promise<OpenedSession> {
  const keys = [`user:${name.toLowerCase()}`, `address:${address}`];
  const wait = limiter.waitMs(keys);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    throw new TooManyRequestsError(
      `Too many failed sign-ins for this account or from this address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      Math.ceil(wait / 1000),
    );
  }
  const user = await db.user.findUnique({
    where: { name: name.toLowerCase() },
    select: { id: true, passwordHash: true },
  });
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
  if (!user || !ok) {
    limiter.fail(keys);
    throw new UnauthorizedError("The user name or password is incorrect.");
  }
  limiter.succeed(keys);
  return open(user.id, address, now);
}

/**
 * At a start that needs sign-in: when no administrator can sign in yet, make sure one exists
 * ("admin") and return a fresh one-time sign-in link for it, as Jupyter prints its token.
 */
export async function firstAdministratorLink(): Promise<string | null> {
  const ready = await db.user.count({ where: { role: "Administrator", passwordHash: { not: null } } });
  if (ready > 0) return null;
  const admin =
    (await db.user.findFirst({
      where: { role: "Administrator" },
      select: { id: true },
      orderBy: { id: "asc" },
    })) ??
    (await writeTransaction((tx) =>
      tx.user.create({
        data: { name: "admin", displayName: "admin", role: "Administrator", createdBy: "first start" },
        select: { id: true },
      }),
    ));
  return linkPath("sign-in", await issueLink(admin.id, "sign-in"));
}

/** The control API's shortcut for test suites: a user of that role (made if needed) and a session. */
export async function suiteSession(name: string, role: Role, address: string): Promise<OpenedSession> {
  const key = name.toLowerCase();
  const user = await writeTransaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { name: key }, select: { id: true } });
    if (existing) return tx.user.update({ where: { id: existing.id }, data: { role }, select: { id: true } });
    return tx.user.create({
      data: { name: key, displayName: name, role, createdBy: "control API" },
      select: { id: true },
    });
  });
  forgetCachedSessions();
  return open(user.id, address);
}
