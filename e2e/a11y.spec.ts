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

test("the main pages have no serious or critical axe violation, light and dark", async ({
  page,
  request,
}) => {
  // Fourteen axe runs (7 pages, 2 themes) and a move to its end: more than one journey's 30 s.
  test.setTimeout(120_000);
  for (const [path, ready] of [
    ["/", "All connections"],
    ["/clusters/1", "Dashboard"],
    ["/migrations", "Migrations"],
    ["/settings/users", "Users"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: ready, level: 1 })).toBeVisible();
    await expectAccessible(page, path);
  }
  const grid = await openVmInventory(page, "cluster1.contoso.com");
  await expect(grid.getByRole("row", { name: /\bWEB01\b/ })).toBeVisible();
  await expectAccessible(page, "VM inventory");
  await manageMove(page, grid, "WEB01");
  await expectAccessible(page, "the Move pane");
  await page.keyboard.press("Escape");

  const ids = await estate(request);
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

test("the estate-building forms and the guided lab have no serious or critical axe violation, light and dark", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const ids = await estate(request);

  await page.goto("/?add=cluster");
  const create = page.getByRole("form", { name: "Create cluster" });
  await create.getByRole("checkbox", { name: /^HV3\b/ }).check();
  await create.getByRole("checkbox", { name: /^HV4\b/ }).check();
  await create.getByRole("button", { name: "Validate", exact: true }).click();
  await expect(create.getByRole("region", { name: "Validation report" })).toBeVisible();
  await expectAccessible(page, "Create cluster with its validation report");
  await page.keyboard.press("Escape");

  await page.goto(`/servers/${ids.host("SRV3")}/iscsi-target`);
  await expect(page.getByRole("heading", { name: "iSCSI Target Server", level: 1 })).toBeVisible();
  await expectAccessible(page, "iSCSI Target Server");
  for (const panel of ["New iSCSI virtual disk", "New iSCSI target"]) {
    await page
      .getByRole("toolbar", { name: "iSCSI Target Server" })
      .getByRole("button", { name: panel })
      .click();
    await expect(page.getByRole("dialog", { name: panel })).toBeVisible();
    await expectAccessible(page, panel);
    await page.keyboard.press("Escape");
  }

  await page.goto(`/servers/${ids.host("HV1")}/iscsi-initiator`);
  await expect(page.getByRole("table", { name: "Discovered targets" })).toContainText("Connected");
  await expectAccessible(page, "iSCSI Initiator");

  await page.goto(`/clusters/${ids.cluster("CLUSTER1")}/volumes`);
  await expect(page.getByRole("table", { name: "Cluster disks" })).toBeVisible();
  await expectAccessible(page, "a cluster's Volumes");
  await page.getByRole("toolbar", { name: "Storage" }).getByRole("button", { name: "Add disk" }).click();
  await expectAccessible(page, "Add disks to a cluster");
  await page.keyboard.press("Escape");

  await page.goto(`/clusters/${ids.cluster("CLUSTER1")}/vms`);
  await page
    .getByRole("toolbar", { name: "Virtual machine actions" })
    .getByRole("button", { name: "Add" })
    .click();
  await page.getByRole("menuitem", { name: "New" }).click();
  await expect(page.getByRole("form", { name: "New virtual machine" })).toBeVisible();
  await expectAccessible(page, "New virtual machine");
  await page.keyboard.press("Escape");

  await page.goto("/lab");
  await expect(page.getByRole("heading", { name: "Guided lab", level: 1 })).toBeVisible();
  await expectAccessible(page, "the guided lab's lessons");
  await page
    .getByRole("region", { name: "Build a cluster and live-migrate a VM" })
    .getByRole("button", { name: "Start" })
    .click();
  await expect(page.getByRole("dialog", { name: /^Start "/ })).toBeVisible();
  await expectAccessible(page, "the lab's confirmation");
  await page.getByRole("button", { name: "Replace the estate and start" }).click();
  await expect(page.getByRole("navigation", { name: "Checklist" })).toBeVisible();
  await expectAccessible(page, "a lab run with its steps and quick review");
});
