import { describe, expect, it } from "vitest";
import { hashPassword, newToken, passwordProblem, verifyPassword } from "./passwords";
import { AttemptLimiter } from "./rate-limit";

describe("passwords", () => {
  it("hashes with scrypt and a salt of its own, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
  });
  it("asks for at least 12 characters", () => {
    expect(passwordProblem("short")).toMatch(/12/);
    expect(passwordProblem("twelve chars")).toBeNull();
  });
  it("makes unguessable tokens", () => {
    expect(newToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(newToken());
  });
});

describe("AttemptLimiter", () => {
  it("blocks after 5 failures per key for the rest of the window, and a success clears the key", () => {
    let now = 0;
    const limiter = new AttemptLimiter(() => now, 5, 15 * 60_000);
    const keys = ["user:alice", "address:10.0.0.9"];
    for (let i = 0; i < 5; i++) {
      expect(limiter.waitMs(keys)).toBe(0);
      limiter.fail(keys);
      now += 1000;
    }
    expect(limiter.waitMs(keys)).toBe(15 * 60_000 - 5000);
    // The same address trying another account is still blocked; another address for alice too.
    expect(limiter.waitMs(["user:bob", "address:10.0.0.9"])).toBeGreaterThan(0);
    expect(limiter.waitMs(["user:alice", "address:10.0.0.1"])).toBeGreaterThan(0);
    now += 15 * 60_000;
    expect(limiter.waitMs(keys)).toBe(0);
    limiter.fail(keys);
    limiter.succeed(keys);
    expect(limiter.waitMs(keys)).toBe(0);
  });
});
