import { describe, expect, it } from "vitest";
import { migrationHref } from "./links";

describe("migrationHref", () => {
  it("keeps a server's or a cluster's connection", () => {
    expect(migrationHref(7, "/servers/1/vms")).toBe("/servers/1/migrations/7");
    expect(migrationHref(7, "/servers/12/vms/3")).toBe("/servers/12/migrations/7");
    expect(migrationHref(7, "/clusters/2/vms")).toBe("/clusters/2/migrations/7");
    expect(migrationHref(7, "/clusters/2")).toBe("/clusters/2/migrations/7");
  });

  it("opens /migrations/:id from anywhere else", () => {
    expect(migrationHref(7, "/vms/3")).toBe("/migrations/7");
    expect(migrationHref(7, "/")).toBe("/migrations/7");
    expect(migrationHref(7, "/serversX/1")).toBe("/migrations/7");
    expect(migrationHref(7, "/servers/0/vms")).toBe("/migrations/7");
    expect(migrationHref(7, null)).toBe("/migrations/7");
  });
});
