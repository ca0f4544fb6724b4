import { expect, openConnection, startsFrom, test, tools } from "./fixtures";

startsFrom("demo");

test("start page -> cluster -> VM inventory -> VM details", async ({ page }) => {
  await test.step("All connections lists the cluster and its servers", async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "All connections" })).toBeVisible();
    const grid = page.getByRole("table", { name: "Connections" });
    await expect(grid.getByRole("link", { name: "cluster1.contoso.com" })).toBeVisible();
    await expect(grid.getByRole("link", { name: "hv1.contoso.com" })).toBeVisible();
  });

  await test.step("search narrows the list", async () => {
    await page.getByRole("searchbox", { name: "Search connections" }).fill("hv3");
    const grid = page.getByRole("table", { name: "Connections" });
    await expect(grid.getByRole("link", { name: "hv3.contoso.com" })).toBeVisible();
    await expect(grid.getByRole("link", { name: "hv1.contoso.com" })).toHaveCount(0);
    await page.getByRole("searchbox", { name: "Search connections" }).fill("");
  });

  await test.step("the cluster dashboard shows nodes and the CSV", async () => {
    await page.getByRole("link", { name: "cluster1.contoso.com" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    const nodes = page.getByRole("table", { name: "Nodes" });
    await expect(nodes.getByRole("link", { name: "HV1" })).toBeVisible();
    await expect(nodes.getByRole("link", { name: "HV2" })).toBeVisible();
    await expect(page.getByText("C:\\ClusterStorage\\Volume1").first()).toBeVisible();
  });

  await test.step("the cluster's VM inventory lists only clustered VMs", async () => {
    await tools(page).getByRole("link", { name: "Virtual machines" }).click();
    const grid = page.getByRole("table", { name: "Virtual machines" });
    await expect(grid.getByRole("link", { name: "SQL01" })).toBeVisible();
    await expect(grid.getByRole("link", { name: "APP01" })).toHaveCount(0);
    await expect(
      grid.getByRole("row", { name: /SQL01/ }).getByRole("cell", { name: "HV1", exact: true }),
    ).toBeVisible();
  });

  await test.step("columns sort", async () => {
    const grid = page.getByRole("table", { name: "Virtual machines" });
    await grid.getByRole("button", { name: "Assigned memory" }).click();
    await grid.getByRole("button", { name: "Assigned memory" }).click();
    await expect(grid.getByRole("columnheader", { name: "Assigned memory" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    await expect(grid.getByRole("row").nth(1)).toContainText("ANALYTICS01");
  });

  await test.step("VM details show the settings tabs", async () => {
    await page.getByRole("link", { name: "SQL01" }).click();
    await expect(page.getByRole("heading", { name: "SQL01", level: 1 })).toBeVisible();
    await page.getByRole("tab", { name: "Processors" }).click();
    await expect(page.getByLabel("Number of virtual processors")).toHaveValue("8");
    await page.getByRole("tab", { name: "Disks" }).click();
    await expect(page.getByRole("table", { name: "Disks" })).toContainText(
      "C:\\ClusterStorage\\Volume1\\SQL01",
    );
    await page.getByRole("tab", { name: "Networks" }).click();
    await expect(page.getByRole("combobox", { name: /Network Adapter/ })).toHaveValue("Production");
  });
});

test("a server's overview, VM summary and events", async ({ page }) => {
  await openConnection(page, "hv3.contoso.com");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Network adapters" })).toContainText("10 Gbps");
  await expect(page.getByRole("table", { name: "Virtual switches" })).toContainText("Production");

  await tools(page).getByRole("link", { name: "Virtual machines" }).click();
  await page.getByRole("tab", { name: "Summary" }).click();
  const vmCard = page.getByRole("region", { name: "Virtual machines" });
  await expect(vmCard).toContainText("Running");
  await expect(page.getByRole("meter", { name: "Host memory in use" })).toBeAttached();

  await tools(page).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("table", { name: "Events" })).toContainText("18500");
});

test("an unknown VM id is a 404 in the envelope", async ({ request }) => {
  const response = await request.get("/api/vms/999999");
  expect(response.status()).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: "not_found", status: 404 } });
});
