import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rejection } from "@/lib/testing/rejection";
import { sessionPrincipal } from "./sessions";
import {
  createUser,
  deleteUser,
  firstAdministratorLink,
  listUsers,
  setPasswordWithLink,
  signIn,
  signInWithLink,
  suiteSession,
  updateUser,
} from "./users";

const tokenOf = (link: string) => new URL(link, "http://localhost").searchParams.get("token") ?? "";

beforeEach(async () => {
  await db.session.deleteMany();
  await db.oneTimeLink.deleteMany();
  await db.user.deleteMany();
});

describe("the first administrator", () => {
  it("is made at the first start that needs sign-in, with a one-time link that works once", async () => {
    const link = await firstAdministratorLink();
    expect(link).toMatch(/^\/sign-in\/link\?token=[A-Za-z0-9_-]{43}$/);
    const session = await signInWithLink(tokenOf(link ?? ""), "127.0.0.1");
    expect(session.principal).toMatchObject({ name: "admin", role: "Administrator" });
    expect(await sessionPrincipal(session.token)).toMatchObject({ name: "admin" });
    expect((await rejection(signInWithLink(tokenOf(link ?? ""), "127.0.0.1"))).message).toMatch(
      /already used/,
    );
  });
  it("gets a fresh link at every start until an administrator has a password; older links stop working", async () => {
    const first = await firstAdministratorLink();
    const second = await firstAdministratorLink();
    expect((await rejection(signInWithLink(tokenOf(first ?? ""), "::1"))).message).toMatch(/not valid/);
    expect((await listUsers()).map((u) => u.name)).toEqual(["admin"]);
    const { user, link } = await createUser({ name: "Root", role: "Administrator" }, "admin");
    await setPasswordWithLink(tokenOf(link), "a long enough password", "::1");
    expect(await firstAdministratorLink()).toBeNull();
    expect(user.hasPassword).toBe(false);
    expect(second).not.toBe(first);
  });
});

describe("users", () => {
  it("sets a password from the link an administrator gave, then signs in with it", async () => {
    const { user, link } = await createUser({ name: "Alice", role: "Operator" }, "admin");
    expect(link).toMatch(/^\/set-password\?token=/);
    expect((await rejection(setPasswordWithLink(tokenOf(link), "short", "10.0.0.5"))).message).toMatch(
      /not acceptable/,
    );
    const set = await setPasswordWithLink(tokenOf(link), "correct horse battery", "10.0.0.5");
    expect(set.principal).toEqual({ kind: "user", userId: user.id, name: "Alice", role: "Operator" });
    const session = await signIn("alice", "correct horse battery", "10.0.0.5");
    expect(await sessionPrincipal(session.token)).toMatchObject({ name: "Alice", role: "Operator" });
    expect((await rejection(signIn("alice", "wrong password!", "10.0.0.5"))).message).toBe(
      "The user name or password is incorrect.",
    );
    expect((await rejection(createUser({ name: "ALICE", role: "Viewer" }, "admin"))).message).toMatch(
      /already exists/,
    );
  });

  it("limits failed sign-ins per account with a clear message", async () => {
    await createUser({ name: "bob", role: "Viewer" }, "admin");
    for (let i = 0; i < 5; i++) await rejection(signIn("bob", `guess number ${i}`, `10.1.0.${i}`));
    const error = await rejection(signIn("bob", "guess number 6", "10.1.0.9"));
    expect(error).toMatchObject({ code: "too_many_requests" });
    expect(error.message).toMatch(/^Too many failed sign-ins .* Try again in 15 minutes\.$/);
  });

  it("ends a removed user's sessions at once, and keeps one administrator", async () => {
    const carol = await suiteSession("carol", "Operator", "127.0.0.1");
    const admin = await suiteSession("root", "Administrator", "127.0.0.1");
    expect(await sessionPrincipal(carol.token)).not.toBeNull();
    await deleteUser(carol.principal.userId ?? 0, admin.principal);
    expect(await sessionPrincipal(carol.token)).toBeNull();
    expect((await rejection(deleteUser(admin.principal.userId ?? 0, { userId: null }))).message).toMatch(
      /at least one administrator/,
    );
    expect((await rejection(updateUser(admin.principal.userId ?? 0, { role: "Viewer" }))).message).toMatch(
      /at least one administrator/,
    );
    expect((await rejection(deleteUser(admin.principal.userId ?? 0, admin.principal))).message).toMatch(
      /yourself/,
    );
  });

  it("applies a role change to open sessions", async () => {
    const dave = await suiteSession("dave", "Operator", "127.0.0.1");
    await suiteSession("root", "Administrator", "127.0.0.1");
    await updateUser(dave.principal.userId ?? 0, { role: "Viewer" });
    expect(await sessionPrincipal(dave.token)).toMatchObject({ role: "Viewer" });
  });
});
