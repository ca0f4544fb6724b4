import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { estate, expect, manageMove, openVmInventory, startsFrom, test } from "./fixtures";

// axe-core on the main pages, in both themes: serious and critical violations fail, with no rule
// disabled and no element excluded.

startsFrom("demo");

async function expectAccessible(page: Page, where: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(" | ")}`,
      );
    expect(serious, `${where}, ${theme} theme`).toEqual([]);
  }
}

/** Headings in document order, outside open dialogs: one h1 first, and never a level skipped going down. */
async function expectHeadingOrder(page: Page, where: string) {
  const levels = await page.evaluate(() =>
    Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
      .filter((h) => !h.closest("dialog"))
      .map((h) => `${h.tagName[1]} ${(h.textContent ?? "").trim().slice(0, 40)}`),
  );
  expect(levels[0]?.startsWith("1 "), `${where}: the first heading is an h1 (${levels.join(" | ")})`).toBe(
    true,
  );
  for (let i = 1; i < levels.length; i++) {
    const previous = Number(levels[i - 1]?.[0]);
    const level = Number(levels[i]?.[0]);
    expect(level, `${where}: "${levels[i]}" follows "${levels[i - 1]}"`).toBeLessThanOrEqual(previous + 1);
  }
}

test("the main pages have no serious or critical axe violation, light and dark, and their headings keep order", async ({
  page,
  request,
}) => {
  // Two axe runs a page (light and dark) on eleven pages: more than one journey's 30 s.
  test.setTimeout(150_000);
  const ids = await estate(request);
  const web01 = ids.vm("WEB01");
  for (const [path, ready] of [
    ["/", "All connections"],
    ["/clusters/1", "Dashboard"],
    ["/clusters/1/servers", "Servers"],
    ["/clusters/1/volumes", "Volumes"],
    [`/clusters/1/vms/${web01}`, "WEB01"],
    [`/servers/${ids.host("HV1")}`, "Overview"],
    [`/servers/${ids.host("HV1")}/events`, "Events"],
    ["/migrations", "Migrations"],
    ["/settings/users", "Users"],
    ["/settings/audit", "Audit log"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: ready, level: 1 })).toBeVisible();
    await expectAccessible(page, path);
    await expectHeadingOrder(page, path);
  }
  const grid = await openVmInventory(page, "cluster1.contoso.com");
  await expect(grid.getByRole("row", { name: /\bWEB01\b/ })).toBeVisible();
  await expectAccessible(page, "VM inventory");
  await expectHeadingOrder(page, "VM inventory");
});

test("every step of the Move pane, and a migration running and finished, have no serious axe violation", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const grid = await openVmInventory(page, "cluster1.contoso.com");
  const pane = await manageMove(page, grid, "WEB01");
  for (const step of ["Kind of move", "Destination", "Options", "Review"]) {
    if (step !== "Kind of move") await pane.getByRole("button", { name: "Next" }).click();
    await expect(pane.getByRole("heading", { name: step, level: 3, exact: true })).toBeVisible();
    await expectAccessible(page, `the Move pane's ${step} step`);
  }
  await page.keyboard.press("Escape");

  const ids = await estate(request);
  const running = await request.post("/api/migrations", {
    data: {
      vmId: ids.vm("WEB01"),
      kind: "live",
      destinationHostId: ids.host("HV2"),
      startedFrom: "admin-center",
      speed: 1,
    },
  });
  const moving = (await running.json()) as { id: number };
  await page.goto(`/migrations/${moving.id}`);
  await expect(page.getByRole("listitem", { name: /^Memory transfer: in progress/ })).toBeVisible({
    timeout: 30_000,
  });
  await expectAccessible(page, "a running migration");
  await expectHeadingOrder(page, "a running migration");
  await request.post(`/api/migrations/${moving.id}/cancel`);

  const started = await request.post("/api/migrations", {
    data: {
      vmId: ids.vm("WEB02"),
      kind: "live",
      destinationHostId: ids.host("HV1"),
      startedFrom: "admin-center",
    },
  });
  const { id } = (await started.json()) as { id: number };
  await page.goto(`/migrations/${id}`);
  await expect(page.getByRole("listitem", { name: /^Cleanup: completed/ })).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, "a finished migration");
  await expectHeadingOrder(page, "a finished migration");
});

test("a keyboard user skips the top bar to the page's content", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "All connections", level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  // The next Tab lands on the page's first control, not on the top bar's.
  await page.keyboard.press("Tab");
  await expect(
    page.getByRole("toolbar", { name: "Connections" }).getByRole("button", { name: "Add" }),
  ).toBeFocused();
});

test("Cluster > Settings, the Drain roles pane and a node drain's page, running and ended, have no serious axe violation, light and dark", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  await page.goto("/clusters/1/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Live migration networks" })).toBeVisible();
  await expectAccessible(page, "Cluster > Settings");
  await expectHeadingOrder(page, "Cluster > Settings");

  // A drain of HV1 on a held clock, so the page shows moves in flight.
  const reset = await request.post("/api/lab/reset", { data: { scenario: "drain", clock: "paused" } });
  expect(reset.status(), await reset.text()).toBe(200);
  const ids = await estate(request);
  const started = await request.post(`/api/hosts/${ids.host("HV1")}/suspend`, { data: { drain: true } });
  expect(started.status(), await started.text()).toBe(202);
  const { drainId } = (await started.json()) as { drainId: number };
  await request.post("/api/lab/clock", { data: { advance: "3s" } });

  await page.goto("/clusters/1/servers");
  const grid = page.getByRole("table", { name: "Servers" });
  await grid.getByRole("checkbox", { name: "Select HV2" }).check();
  await page.getByRole("toolbar", { name: "Server actions" }).getByRole("button", { name: "Pause" }).click();
  await page.getByRole("menuitem", { name: "Drain roles", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Drain roles from HV2" })).toBeVisible();
  await expectAccessible(page, "the Drain roles pane");
  await page.keyboard.press("Escape");

  await page.goto(`/clusters/1/drains/${drainId}`);
  await expect(page.getByRole("heading", { name: "Drain of HV1", level: 1 })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "SQL01 moving" })).toBeVisible();
  await expectAccessible(page, "a drain in progress");
  await expectHeadingOrder(page, "a drain in progress");

  for (let i = 0; i < 100; i++) {
    const drain = (await (await request.get(`/api/drains/${drainId}`)).json()) as { status: string };
    if (drain.status !== "InProgress") break;
    await request.post("/api/lab/clock", { data: { advance: "10s" } });
  }
  await expect(page.getByRole("status").filter({ hasText: "Drain completed" })).toBeVisible();
  await expectAccessible(page, "an ended drain");
  await request.post("/api/lab/clock", { data: { mode: "running" } });
});
