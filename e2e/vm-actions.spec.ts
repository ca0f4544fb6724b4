import { expect, type Page, test } from "@playwright/test";

async function vmState(request: import("@playwright/test").APIRequestContext, name: string): Promise<string> {
  const response = await request.get(`/api/vms?q=${encodeURIComponent(name)}`);
  const body = (await response.json()) as { items: { name: string; state: string }[] };
  const vm = body.items.find((v) => v.name === name);
  if (!vm) throw new Error(`${name} is not in the inventory`);
  return vm.state;
}

/** From the start page to a server's VM inventory, as an operator clicks it; returns the grid. */
async function openServerVms(page: Page, fqdn: string) {
  await page.goto("/");
  await page.getByRole("link", { name: fqdn }).click();
  await page
    .getByRole("navigation", { name: "Tools" })
    .getByRole("link", { name: "Virtual machines" })
    .click();
  return page.getByRole("table", { name: "Virtual machines" });
}

test("start and turn off a VM from the inventory grid", async ({ page, request }) => {
  const grid = await openServerVms(page, "hv3.contoso.com");
  const row = grid.getByRole("row", { name: /TEST01/ });
  await expect(row).toContainText("Off");

  await test.step("Start turns it on", async () => {
    await row.getByRole("checkbox", { name: "Select TEST01" }).check();
    const bar = page.getByRole("toolbar", { name: "Virtual machine actions" });
    await expect(bar.getByRole("button", { name: "Resume" })).toBeDisabled();
    await bar.getByRole("button", { name: "Start" }).click();
    await expect(row).toContainText("Running");
    await expect(row).toContainText("OK");
    expect(await vmState(request, "TEST01")).toBe("Running");
  });

  await test.step("Turn off asks first, then turns it off", async () => {
    await page
      .getByRole("toolbar", { name: "Virtual machine actions" })
      .getByRole("button", { name: "Turn off" })
      .click();
    const dialog = page.getByRole("dialog", { name: "Turn off virtual machines" });
    await expect(dialog).toContainText("TEST01");
    await dialog.getByRole("button", { name: "Turn off" }).click();
    await expect(row).toContainText("Off");
    expect(await vmState(request, "TEST01")).toBe("Off");
  });
});

test("an action a VM's state does not allow is refused with Hyper-V's words and changes nothing", async ({
  page,
  request,
}) => {
  const grid = await openServerVms(page, "hv4.contoso.com");
  await expect(grid.getByRole("row", { name: /LAB-AMD01/ })).toContainText("Running");

  // Through the API, as another team's script would: Resume on a running VM.
  const before = await request.get("/api/vms?q=LAB-AMD01");
  const vm = ((await before.json()) as { items: { id: number }[] }).items[0];
  if (!vm) throw new Error("LAB-AMD01 missing");
  const refused = await request.post(`/api/vms/${vm.id}/actions`, { data: { action: "resume" } });
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as { error: { message: string } };
  expect(body.error.message).toContain(
    "'LAB-AMD01' failed to change state. The operation cannot be performed while the object is in its current state.",
  );
  expect(await vmState(request, "LAB-AMD01")).toBe("Running");

  // In the grid the same refusal shows as a message bar when a mixed selection is paused twice.
  const row = grid.getByRole("row", { name: /LAB-AMD01/ });
  await row.getByRole("checkbox", { name: "Select LAB-AMD01" }).check();
  await page
    .getByRole("toolbar", { name: "Virtual machine actions" })
    .getByRole("button", { name: "Pause" })
    .click();
  await expect(row).toContainText("Paused");
  await page
    .getByRole("toolbar", { name: "Virtual machine actions" })
    .getByRole("button", { name: "Resume" })
    .click();
  await expect(row).toContainText("Running");
  const bad = await request.post(`/api/vms/${vm.id}/actions`, { data: { action: "fly" } });
  expect(bad.status()).toBe(422);
  expect(await vmState(request, "LAB-AMD01")).toBe("Running");
});

test("VM settings refuse a change the VM's state does not allow, and save one it does", async ({ page }) => {
  await (await openServerVms(page, "hv3.contoso.com")).getByRole("link", { name: "APP01" }).click();
  await expect(page.getByRole("heading", { name: "APP01", level: 1 })).toBeVisible();

  await page.getByRole("tab", { name: "Processors" }).click();
  await page.getByLabel("Number of virtual processors").fill("6");
  await page.getByRole("button", { name: "Save", exact: true }).last().click();
  await expect(
    page.getByRole("alert").filter({ hasText: "can be changed only when the VM is off" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Discard changes" }).click();
  await expect(page.getByLabel("Number of virtual processors")).toHaveValue("4");

  await page.getByRole("tab", { name: "General" }).click();
  await page.getByLabel("Notes").fill("Branch office line-of-business app");
  await page.getByRole("button", { name: "Save", exact: true }).last().click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Notes")).toHaveValue("Branch office line-of-business app");
});
