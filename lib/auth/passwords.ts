// Passwords hashed with scrypt (memory-hard, in Node itself: no native module to build), a salt
// per password, compared in constant time. Stored as scrypt$N$r$p$salt$hash (base64url).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
/** scrypt needs 128 * N * r bytes; leave room above it. */
const MAX_MEMORY = 128 * N * R * 2;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, KEY_BYTES, { N: n, r, p, maxmem: 128 * n * r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Why a new password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return "Use at least 12 characters.";
  if (password.length > 200) return "Use at most 200 characters.";
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const cost = Number(n);
  if (!Number.isInteger(cost) || 128 * cost * Number(r) * 2 > MAX_MEMORY * 4) return false;
  const key = await scrypt(password, Buffer.from(salt, "base64url"), cost, Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random token for a cookie or a link, and the hash the database keeps of it. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}
