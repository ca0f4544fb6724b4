import type { APIRequestContext } from "@playwright/test";
import { estate, expect, openVmInventory, startsFrom, test, vmActions, vmByName, vmRow } from "./fixtures";

startsFrom("demo");

// TEST01 and APP01 on HV3, LAB-AMD01 on HV4 are this file's VMs.

const vmState = async (request: APIRequestContext, name: string) => (await vmByName(request, name)).state;

test("start and turn off a VM from the inventory grid", async ({ page, request }) => {
  const grid = await openVmInventory(page, "hv3.contoso.com");
  const row = vmRow(grid, "TEST01");
  await expect(row).toContainText("Off");

  await test.step("Start turns it on", async () => {
    await row.getByRole("checkbox", { name: "Select TEST01" }).check();
    const bar = vmActions(page);
    await expect(bar.getByRole("button", { name: "Resume" })).toBeDisabled();
    await bar.getByRole("button", { name: "Start" }).click();
    await expect(row).toContainText("Running");
    await expect(row).toContainText("OK");
    expect(await vmState(request, "TEST01")).toBe("Running");
  });

  await test.step("Turn off asks first, then turns it off", async () => {
    await vmActions(page).getByRole("button", { name: "Turn off" }).click();
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
  const grid = await openVmInventory(page, "hv4.contoso.com");
  const row = vmRow(grid, "LAB-AMD01");
  await expect(row).toContainText("Running");

  // Through the API, as another team's script would: Resume on a running VM.
  const vm = await vmByName(request, "LAB-AMD01");
  const refused = await request.post(`/api/vms/${vm.id}/actions`, { data: { action: "resume" } });
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as { error: { message: string } };
  expect(body.error.message).toContain(
    "'LAB-AMD01' failed to change state. The operation cannot be performed while the object is in its current state.",
  );
  expect(await vmState(request, "LAB-AMD01")).toBe("Running");

  // In the grid the same refusal shows as a message bar when a mixed selection is paused twice.
  await row.getByRole("checkbox", { name: "Select LAB-AMD01" }).check();
  await vmActions(page).getByRole("button", { name: "Pause" }).click();
  await expect(row).toContainText("Paused");
  await vmActions(page).getByRole("button", { name: "Resume" }).click();
  await expect(row).toContainText("Running");
  const bad = await request.post(`/api/vms/${vm.id}/actions`, { data: { action: "fly" } });
  expect(bad.status()).toBe(422);
  expect(await vmState(request, "LAB-AMD01")).toBe("Running");
});

test("VM settings grey what the VM's state does not allow, with Hyper-V's reason, and save what it does", async ({
  page,
  request,
}) => {
  await (await openVmInventory(page, "hv3.contoso.com")).getByRole("link", { name: "APP01" }).click();
  await expect(page.getByRole("heading", { name: "APP01", level: 1 })).toBeVisible();

  await test.step("a running VM's processors are greyed, each with the reason", async () => {
    await page.getByRole("tab", { name: "Processors" }).click();
    const vcpus = page.getByLabel("Number of virtual processors");
    await expect(vcpus).toBeDisabled();
    await expect(vcpus).toHaveAccessibleDescription(
      "The number of virtual processors can be changed only when the VM is off; it is Running.",
    );
    await expect(page.getByRole("checkbox", { name: /Processor compatibility/ })).toBeDisabled();
  });

  await test.step("the API still refuses the change with the same words", async () => {
    const ids = await estate(request);
    const refused = await request.patch(`/api/vms/${ids.vm("APP01")}`, { data: { vcpus: 6 } });
    expect(refused.status()).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain(
      "can be changed only when the VM is off; it is Running.",
    );
  });

  await page.getByRole("tab", { name: "General" }).click();
  await page.getByLabel("Notes").fill("Branch office line-of-business app");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Notes")).toHaveValue("Branch office line-of-business app");
});
