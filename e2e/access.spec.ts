import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { estate, expect, openVmInventory, startsFrom, test, vmActions } from "./fixtures";

startsFrom("demo");

// Gateway access: the headers every page carries, the cross-site move a page on another site
// could send, and what a viewer and an operator see. The journeys' servers listen on 127.0.0.1
// with the control API on, so the local user is the administrator and a suite may ask for a
// session of any role (docs/testing.md).

/** A browser context signed in as `role` through the control API, as docs/testing.md shows. */
async function signedInAs(browser: Browser, baseURL: string, role: "Viewer" | "Operator"): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const response = await context.request.post("/api/lab/sessions", {
    data: { name: `journey-${role.toLowerCase()}`, role },
  });
  expect(response.status(), await response.text()).toBe(200);
  return context.newPage();
}

test("every page carries the security headers, with a fresh script nonce and no eval", async ({
  request,
}) => {
  const first = await request.get("/");
  const second = await request.get("/");
  const csp = first.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  for (const response of [first, await request.get("/api/health")]) {
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    expect(response.headers()["referrer-policy"]).toBe("same-origin");
  }
});

test("a page on another site cannot start a move: text/plain from a foreign origin is a 403 that changes nothing", async ({
  request,
}) => {
  const ids = await estate(request);
  const count = async (api: APIRequestContext) =>
    ((await (await api.get("/api/migrations")).json()) as { total: number }).total;
  const before = await count(request);
  const response = await request.post("/api/migrations", {
    headers: { "content-type": "text/plain", origin: "http://evil.example" },
    data: JSON.stringify({
      vmId: ids.vm("WEB02"),
      kind: "live",
      destinationHostId: "best",
      startedFrom: "admin-center",
    }),
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error).toMatchObject({ code: "forbidden", status: 403 });
  expect(await count(request)).toBe(before);
});

test("a viewer sees no Move, and power actions say why they are unavailable", async ({
  browser,
  baseURL,
}) => {
  const page = await signedInAs(browser, baseURL ?? "", "Viewer");
  await test.step("the VM inventory: no Manage > Move; Start is aria-disabled with the reason", async () => {
    const grid = await openVmInventory(page, "cluster1.contoso.com");
    await expect(grid.getByRole("row", { name: /WEB01/ })).toBeVisible();
    await expect(vmActions(page).getByRole("button", { name: "Manage" })).toHaveCount(0);
    const start = vmActions(page).getByRole("button", { name: "Start" });
    await expect(start).toHaveAttribute("aria-disabled", "true");
    await expect(start).toHaveAccessibleDescription("Needs the Operator role; journey-viewer is a Viewer.");
  });
  await test.step("the account menu names the viewer", async () => {
    await page.getByRole("button", { name: "Account: journey-viewer, Viewer" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });
  await page.context().close();
});

test("an operator can move but cannot manage users or change the inventory", async ({ browser, baseURL }) => {
  const page = await signedInAs(browser, baseURL ?? "", "Operator");
  await test.step("the VM inventory offers Manage > Move", async () => {
    await openVmInventory(page, "cluster1.contoso.com");
    await expect(vmActions(page).getByRole("button", { name: "Manage" })).toBeVisible();
  });
  await test.step("All connections: Add is unavailable to an operator", async () => {
    await page.goto("/");
    const add = page.getByRole("toolbar", { name: "Connections" }).getByRole("button", { name: "Add" });
    await expect(add).toHaveAttribute("aria-disabled", "true");
  });
  await test.step("the gear has no Gateway settings, and Users refuses with the reason", async () => {
    await page.getByRole("button", { name: "Settings" }).click();
    await expect(page.getByRole("navigation", { name: "Gateway settings" })).toHaveCount(0);
    await page.goto("/settings/users");
    await expect(page.getByText(/Managing users needs the Administrator role/)).toBeVisible();
    await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);
  });
  await page.context().close();
});

test("the local administrator adds a user and reads the audit log", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Settings" }).click();
  await page
    .getByRole("navigation", { name: "Gateway settings" })
    .getByRole("link", { name: "Users" })
    .click();
  await page.getByRole("button", { name: "Add user" }).click();
  const form = page.getByRole("form", { name: "Add user" });
  await form.getByLabel("User name").fill("trainee");
  await form.getByLabel("Role").selectOption("Viewer");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByLabel("One-time link")).toHaveValue(/\/set-password\?token=/);
  await expect(
    page.getByRole("table", { name: "Users" }).getByRole("row", { name: /trainee/ }),
  ).toContainText("Not set yet");
  await page.getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("row", { name: /user\.add/ }).first()).toContainText("trainee (Viewer)");
});
