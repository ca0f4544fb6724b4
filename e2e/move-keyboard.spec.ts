import type { APIRequestContext } from "@playwright/test";
import { expect, manageMove, moveStep, openVmInventory, startsFrom, test, vmActions } from "./fixtures";

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

  await test.step("Escape closes the pane and Manage has the focus again", async () => {
    await page.keyboard.press("Escape");
    await expect(pane).toBeHidden();
    await expect(vmActions(page).getByRole("button", { name: "Manage" })).toBeFocused();
    expect(await moves(request)).toBe(before);
  });
});
