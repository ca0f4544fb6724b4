import type { Page } from "@playwright/test";
import { expect, openConnection, shot as shotIn, startsFrom, test, tools } from "./fixtures";

startsFrom("demo");

// The screenshot tour: every screen, light and dark, for training material and for a look at
// what changed. Pictures land in test-results/tour/ (1440x900). Not part of npm test: it checks
// little and takes time. Run it with `npm run tour`.
const shot = (page: Page, name: string) => shotIn(page, "tour", name);

test.use({ viewport: { width: 1440, height: 900 } });

test("screenshot tour of every screen", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("table", { name: "Connections" }).getByRole("link").first()).toBeVisible();
  await shot(page, "01-all-connections");

  await page.getByRole("toolbar", { name: "Connections" }).getByRole("button", { name: "Add" }).click();
  const form = page.getByRole("form", { name: "Add server" });
  await form.getByLabel("Server name").fill("HV 5");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByRole("alert")).toBeVisible();
  await shot(page, "02-add-server-errors");
  await page.getByRole("radio", { name: "Server cluster" }).check();
  await expect(page.getByRole("form", { name: "Add server cluster" })).toContainText("HV3");
  await shot(page, "02b-add-cluster");
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();

  await page.getByRole("link", { name: "All virtual machines" }).click();
  await expect(
    page.getByRole("table", { name: "Virtual machines" }).getByRole("link", { name: "LAB-AMD01" }),
  ).toBeVisible();
  await shot(page, "02c-all-virtual-machines");
  await openConnection(page, "cluster1.contoso.com");
  await expect(page.getByRole("table", { name: "Nodes" })).toBeVisible();
  await shot(page, "03-cluster-dashboard");

  await tools(page).getByRole("link", { name: "Virtual machines" }).click();
  await expect(
    page.getByRole("table", { name: "Virtual machines" }).getByRole("link", { name: "SQL01" }),
  ).toBeVisible();
  await shot(page, "04-cluster-vm-inventory");
  await page.getByRole("tab", { name: "Summary" }).click();
  await expect(page.getByRole("region", { name: "Memory" })).toBeVisible();
  await shot(page, "05-cluster-vm-summary");

  await tools(page).getByRole("link", { name: "Servers" }).click();
  await expect(page.getByRole("table", { name: "Servers" })).toContainText("HV2");
  await shot(page, "06-cluster-servers");
  await tools(page).getByRole("link", { name: "Volumes" }).click();
  await expect(page.getByRole("table", { name: "Volumes" })).toContainText("Volume1");
  await shot(page, "07-cluster-volumes");

  await openConnection(page, "hv1.contoso.com");
  await expect(page.getByRole("table", { name: "Network adapters" })).toBeVisible();
  await shot(page, "08-server-overview");
  await tools(page).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("table", { name: "Events" })).toBeVisible();
  await shot(page, "09-server-events");
  await tools(page).getByRole("link", { name: "Virtual machines" }).click();
  await page
    .getByRole("table", { name: "Virtual machines" })
    .getByRole("link", { name: "LEGACY-APP" })
    .click();
  await page.getByRole("tab", { name: "Networks" }).click();
  await expect(page.getByRole("combobox", { name: /Network Adapter/ })).toHaveValue("Legacy");
  await shot(page, "10-vm-details-networks");

  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("radio", { name: "Dark" }).check();
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Notifications" }).click();
  await expect(page.getByRole("region", { name: "Notifications" })).toBeVisible();
  await shot(page, "11-dark-notifications");
  await page.getByRole("button", { name: "Notifications" }).click();
  await page.goto("/clusters/1/vms");
  await expect(
    page.getByRole("table", { name: "Virtual machines" }).getByRole("link", { name: "SQL01" }),
  ).toBeVisible();
  await shot(page, "12-dark-vm-inventory");
  await page.evaluate(() => localStorage.removeItem("lml-theme"));
});
