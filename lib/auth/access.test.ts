import { describe, expect, it } from "vitest";
import { ACCESS, ruleFor } from "./access";
import { controlRefusal, LOCAL_ADMINISTRATOR, meets, type Principal } from "./roles";

describe("ruleFor", () => {
  it("matches a route with its id segment, and only for its method", () => {
    expect(ruleFor("POST", "/api/migrations/12/cancel")).toMatchObject({
      need: "Operator",
      action: "migration.cancel",
    });
    expect(ruleFor("GET", "/api/migrations/12/cancel")).toBeNull();
    expect(ruleFor("GET", "/api/vms")).toMatchObject({ need: "Viewer" });
    expect(ruleFor("get", "/api/health")).toMatchObject({ need: "Anonymous" });
    expect(ruleFor("GET", "/api/nothing")).toBeNull();
  });
  it("answers HEAD with the GET's rule (Next runs the GET handler for it), and nothing for a HEAD of a POST", () => {
    expect(ruleFor("HEAD", "/api/vms")).toEqual(ruleFor("GET", "/api/vms"));
    expect(ruleFor("head", "/api/events")).toMatchObject({ need: "Viewer" });
    expect(ruleFor("HEAD", "/api/migrations/12/cancel")).toBeNull();
  });
  it("names an audit action for every rule that changes something", () => {
    const unnamed = ACCESS.filter(
      (r) => r.method !== "GET" && !r.action && r.path !== "/api/migrations/compare",
    );
    expect(unnamed).toEqual([]);
  });
  it("lists each method and path once", () => {
    const keys = ACCESS.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("roles", () => {
  it("orders Viewer < Operator < Administrator; anonymous meets only Anonymous", () => {
    expect(meets("Operator", "Viewer")).toBe(true);
    expect(meets("Operator", "Administrator")).toBe(false);
    expect(meets(null, "Viewer")).toBe(false);
    expect(meets(null, "Anonymous")).toBe(true);
  });
  it("lets an operator cancel or fault only the moves they started; an administrator any", () => {
    const alice: Principal = { kind: "user", userId: 7, name: "alice", role: "Operator" };
    expect(controlRefusal(alice, { startedBy: { id: 7 } })).toBeNull();
    expect(controlRefusal(alice, { startedBy: { id: 8 } })).toMatch(/only the moves they started/);
    expect(controlRefusal(alice, { startedBy: null })).toMatch(/only the moves they started/);
    expect(controlRefusal(LOCAL_ADMINISTRATOR, { startedBy: { id: 8 } })).toBeNull();
    expect(controlRefusal({ ...alice, role: "Viewer" }, { startedBy: { id: 7 } })).toMatch(/Operator role/);
  });
});
