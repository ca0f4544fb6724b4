import "server-only";
import { createHash } from "node:crypto";
import { db, writeTransaction } from "@/lib/db";
import { SESSION_COOKIE } from "./gateway";
import { newToken } from "./passwords";
import type { Principal, Role } from "./roles";

// Sessions: the cookie holds a random token; the database keeps its SHA-256, the user and the
// expiry. Sessions end at sign-out, at expiry, and when an administrator removes the user.

export { SESSION_COOKIE };
export const SESSION_HOURS = 12;
/** A looked-up session is trusted this long before the database is asked again (sign-out clears it). */
const CACHE_MS = 5000;

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("base64url");

interface Cached {
  principal: Principal | null;
  expiresAt: number;
  checkedAt: number;
}
const globalForSessions = globalThis as unknown as { lmlSessionCache?: Map<string, Cached> };
globalForSessions.lmlSessionCache ??= new Map();
const cache = globalForSessions.lmlSessionCache;

/** Opens a session for a user; the token goes in the cookie and nowhere else. */
export async function createSession(
  userId: number,
  address: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600 * 1000);
  await writeTransaction((tx) =>
    tx.session.create({ data: { tokenHash: hashToken(token), userId, address, createdAt: now, expiresAt } }),
  );
  return { token, expiresAt };
}

/** The signed-in user of a cookie token, or null when it is unknown, expired or revoked. */
export async function sessionPrincipal(token: string, now = Date.now()): Promise<Principal | null> {
  const key = hashToken(token);
  const hit = cache.get(key);
  if (hit && now - hit.checkedAt < CACHE_MS && now < hit.expiresAt) return hit.principal;
  const row = await db.session.findUnique({
    where: { tokenHash: key },
    select: { expiresAt: true, user: { select: { id: true, displayName: true, role: true } } },
  });
  const valid = row !== null && row.expiresAt.getTime() > now;
  const principal: Principal | null = valid
    ? { kind: "user", userId: row.user.id, name: row.user.displayName, role: row.user.role as Role }
    : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { principal, expiresAt: valid ? row.expiresAt.getTime() : now + CACHE_MS, checkedAt: now });
  return principal;
}

export async function endSession(token: string): Promise<void> {
  const key = hashToken(token);
  cache.delete(key);
  await writeTransaction((tx) => tx.session.deleteMany({ where: { tokenHash: key } }));
}

/** After a user's sessions were deleted or their role changed: forget what the cache knew. */
export function forgetCachedSessions(): void {
  cache.clear();
}

/** The Set-Cookie value for a new session: httpOnly, SameSite=Lax, Secure over HTTPS, expiring. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    "Max-Age=0",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** 200 with the new session's cookie; the audit entry names the user who signed in. */
export function signedInResponse(
  session: { principal: Principal; token: string; expiresAt: Date },
  caller: { secure: boolean; audit: { principal?: Principal } },
  body: unknown = { ok: true },
): Response {
  caller.audit.principal = session.principal;
  return Response.json(body, {
    headers: {
      "Set-Cookie": sessionCookie(session.token, session.expiresAt, caller.secure),
      "Cache-Control": "no-store",
    },
  });
}
