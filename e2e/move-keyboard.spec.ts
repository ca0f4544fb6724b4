import type { APIRequestContext, Locator, Page } from "@playwright/test";
import {
  expect,
  manageMove,
  moveStep,
  openVmInventory,
  startsFrom,
  test,
  tools,
  vmActions,
} from "./fixtures";

startsFrom("demo");

const moves = async (request: APIRequestContext) =>
  ((await (await request.get("/api/migrations")).json()) as { total: number }).total;

test("the Move pane: a step change focuses the step's heading, a double click or a double Enter never starts a move, and closing returns focus to Manage", async ({
  page,
  request,
}) => {
  const before = await moves(request);
  const grid = await openVmInventory(page, "cluster1.contoso.com");
  const pane = await manageMove(page, grid, "WEB01");
  const heading = (name: string) => pane.getByRole("heading", { name, level: 3, exact: true });

  await test.step("Next moves the focus to the new step's heading", async () => {
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(heading("Destination")).toBeFocused();
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(heading("Options")).toBeFocused();
  });

  await test.step("a double click on Next shows the review and starts nothing", async () => {
    await pane.getByRole("button", { name: "Next" }).dblclick();
    // The second click lands on Move, now under the pointer, and does nothing.
    await expect(moveStep(pane, "Review")).toHaveAttribute("aria-current", "step");
    await expect(pane.getByRole("button", { name: "Move", exact: true })).toBeVisible();
    await expect(pane).toBeVisible();
    expect(await moves(request)).toBe(before);
  });

  await test.step("Enter twice on Next: the second lands on the heading, not on Move", async () => {
    await pane.getByRole("button", { name: "Back" }).click();
    await expect(heading("Options")).toBeFocused();
    await pane.getByRole("button", { name: "Next" }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(heading("Review")).toBeFocused();
    await expect(moveStep(pane, "Review")).toHaveAttribute("aria-current", "step");
    expect(await moves(request)).toBe(before);
  });

  await test.step("typing in a field keeps the focus there: only a step change moves it", async () => {
    await pane.getByRole("button", { name: "Back" }).click();
    await expect(heading("Options")).toBeFocused();
    await pane.getByRole("button", { name: "Advanced" }).click();
    const speed = pane.getByLabel("Simulation speed");
    await speed.focus();
    await page.keyboard.type("25");
    await expect(speed).toHaveValue("25");
    await expect(speed).toBeFocused();
    // Every keystroke re-renders the pane; none of those renders may move the focus.
    await pane.getByLabel("Seed").focus();
    await page.keyboard.type("42");
    await expect(pane.getByLabel("Seed")).toHaveValue("42");
    await expect(pane.getByLabel("Seed")).toBeFocused();
  });

  await test.step("Escape closes the pane and Manage has the focus again", async () => {
    await page.keyboard.press("Escape");
    await expect(pane).toBeHidden();
    await expect(vmActions(page).getByRole("button", { name: "Manage" })).toBeFocused();
    expect(await moves(request)).toBe(before);
  });
});

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would; fails after `max`. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

test("with the keyboard alone: inventory, Manage > Move, every step, Move, the migration page, Cancel", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto("/");
  await tabTo(
    page,
    page.getByRole("table", { name: "Connections" }).getByRole("link", { name: "cluster1.contoso.com" }),
  );
  await page.keyboard.press("Enter");
  await tabTo(page, tools(page).getByRole("link", { name: "Virtual machines" }));
  await page.keyboard.press("Enter");
  const grid = page.getByRole("table", { name: "Virtual machines" });
  const select = grid.getByRole("checkbox", { name: "Select ANALYTICS01" });
  await expect(select).toBeVisible();
  await tabTo(page, select);
  await page.keyboard.press("Space");
  await expect(select).toBeChecked();

  await tabTo(page, vmActions(page).getByRole("button", { name: "Manage" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Move" })).toBeFocused();
  await page.keyboard.press("Enter");
  const pane = page.getByRole("dialog", { name: "Move ANALYTICS01" });
  await expect(pane).toBeVisible();

  await test.step("the page behind the pane is out of reach", async () => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const outside = await page.evaluate(() => {
        const focused = document.activeElement;
        return focused !== null && focused !== document.body && !focused.closest("dialog[open]");
      });
      expect(outside, `Tab ${i + 1} left the Move pane`).toBe(false);
    }
  });

  const next = pane.getByRole("button", { name: "Next" });
  for (const step of ["Destination", "Options"]) {
    await tabTo(page, next);
    await page.keyboard.press("Enter");
    await expect(pane.getByRole("heading", { name: step, level: 3, exact: true })).toBeFocused();
  }
  await test.step("Options > Advanced: real time, so that there is time to cancel (ANALYTICS01 needs minutes)", async () => {
    await tabTo(page, pane.getByRole("button", { name: "Advanced" }));
    await page.keyboard.press("Enter");
    await tabTo(page, pane.getByLabel("Simulation speed"));
    await page.keyboard.type("1");
  });
  await tabTo(page, next);
  await page.keyboard.press("Enter");
  await expect(pane.getByRole("heading", { name: "Review", level: 3, exact: true })).toBeFocused();
  const move = pane.getByRole("button", { name: "Move", exact: true });
  await expect(move).toBeEnabled();
  await tabTo(page, move);
  await page.keyboard.press("Enter");

  await test.step("the migration page opens inside the cluster's connection", async () => {
    await expect(page).toHaveURL(/\/clusters\/\d+\/migrations\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: /ANALYTICS01/ })).toBeVisible();
    await expect(tools(page).getByRole("link", { name: "Virtual machines" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(
      page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Virtual machines" }),
    ).toBeVisible();
  });

  const cancel = page.getByRole("button", { name: "Cancel move" });
  await expect(cancel).toBeEnabled();
  await tabTo(page, cancel);
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Cancel the move?" });
  await expect(confirm).toBeVisible();
  await tabTo(page, confirm.getByRole("button", { name: "Yes, cancel the move" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText(/The move was cancelled and rolled back/)).toBeVisible({ timeout: 30_000 });
});
