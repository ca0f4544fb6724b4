import { describe, expect, it } from "vitest";
import { leavesPage } from "./use-unsaved-changes";

const here = { href: "http://lab.test/servers/4/settings", origin: "http://lab.test" };
const plain = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };

describe("leavesPage", () => {
  it("a plain click on a link to another page of the lab leaves it", () => {
    expect(leavesPage({ href: "/servers/4" }, plain, here)).toBe(true);
    expect(leavesPage({ href: "http://lab.test/servers/4/settings?tab=x" }, plain, here)).toBe(true);
  });

  it("the same page, another site, a new tab or a modified click do not", () => {
    expect(leavesPage({ href: "/servers/4/settings" }, plain, here)).toBe(false);
    expect(leavesPage({ href: "/servers/4/settings#lab" }, plain, here)).toBe(false);
    expect(leavesPage({ href: "https://learn.microsoft.com/" }, plain, here)).toBe(false);
    expect(leavesPage({ href: "/servers/4", target: "_blank" }, plain, here)).toBe(false);
    expect(leavesPage({ href: "/servers/4" }, { ...plain, ctrlKey: true }, here)).toBe(false);
    expect(leavesPage({ href: "/servers/4" }, { ...plain, button: 1 }, here)).toBe(false);
    expect(leavesPage({ href: "/x", hasAttribute: (n) => n === "download" }, plain, here)).toBe(false);
  });
});
