import { expect, openVmInventory, startsFrom, test, tools, vmRow } from "./fixtures";

startsFrom("demo");

test.use({ viewport: { width: 1024, height: 768 } });

test("at 1024 px the tool pane folds to icons and the VM grid shows every column; narrower, it scrolls sideways with its names in view", async ({
  page,
}) => {
  const grid = await openVmInventory(page, "cluster1.contoso.com");
  const row = vmRow(grid, "WEB01");
  await expect(row).toBeVisible();

  await test.step("the tool pane shows icons, each still named", async () => {
    const pane = tools(page);
    const width = (await pane.boundingBox())?.width ?? 0;
    expect(width).toBeLessThan(64);
    await expect(pane.getByRole("link", { name: "Virtual machines" })).toHaveAttribute(
      "title",
      "Virtual machines",
    );
  });

  await test.step("every column is in view, none cut", async () => {
    for (const header of await grid.getByRole("columnheader").all()) {
      await expect(header).toBeInViewport({ ratio: 1 });
    }
    await expect(row.getByRole("cell").last()).toHaveText("OK");
  });

  await test.step("narrower still, the grid scrolls sideways and the name column stays", async () => {
    await page.setViewportSize({ width: 760, height: 768 });
    const scroller = grid.locator("xpath=..");
    const sizes = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    const name = row.getByRole("link", { name: "WEB01" });
    const before = await name.boundingBox();
    await scroller.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    await expect(grid.getByRole("columnheader", { name: "Heartbeat" })).toBeInViewport({ ratio: 1 });
    const after = await name.boundingBox();
    expect(after?.x).toBe(before?.x);
    await expect(name).toBeInViewport({ ratio: 1 });
  });
});

test("at 1280 px the tool pane shows its names", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openVmInventory(page, "cluster1.contoso.com");
  await expect(tools(page).getByText("Virtual machines", { exact: true })).toBeVisible();
  expect((await tools(page).boundingBox())?.width ?? 0).toBeGreaterThan(200);
});

test("a tag cut short can be read whole", async ({ page }) => {
  await page.goto("/");
  const connections = page.getByRole("table", { name: "Connections" });
  const row = connections.getByRole("row", { name: /cluster1\.contoso\.com/ });
  const tags = row.getByRole("cell").last();
  const text = (await tags.textContent()) ?? "";
  expect(text.length).toBeGreaterThan(0);
  await expect(tags).toHaveAttribute("title", text);
});
