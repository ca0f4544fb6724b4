import type { Locator, Page } from "@playwright/test";
import {
  estate,
  expect,
  manageMove,
  moveToCompletion,
  openConnection,
  openHostSettings,
  openVmInventory,
  reviewMove,
  startsFrom,
  test,
  tools,
  vmByName,
} from "./fixtures";

// Server > Settings (Hyper-V Host Settings) and what a saved change does to the next move.
// HV4 (live migrations off), HV3 (its incoming networks) and HV5's LAB-AMD02 and HV1's UTIL01
// are this file's: the host-settings scenario adds the last two.

startsFrom("host-settings");
test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1440, height: 900 } });
test.setTimeout(90_000);

const preview = (page: Page) => page.getByRole("region", { name: "PowerShell for these changes" });

async function save(page: Page, form: Locator) {
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
}

test("the form: field errors, the PowerShell before Save, Discard, and a question before leaving", async ({
  page,
}) => {
  const form = await openHostSettings(page, "HV4");
  const enable = form.getByRole("checkbox", { name: "Enable incoming and outgoing live migrations" });
  const simultaneous = form.getByRole("textbox", { name: "Simultaneous live migrations" });

  await test.step("HV4 is as Windows Server 2025 leaves it: off, one at a time, CredSSP, Compression", async () => {
    await expect(enable).not.toBeChecked();
    await expect(simultaneous).toHaveValue("1");
    await expect(
      form.getByRole("radio", { name: "Use Credential Security Support Provider (CredSSP)" }),
    ).toBeChecked();
    await expect(form.getByRole("radio", { name: "Compression" })).toBeChecked();
    await expect(
      form.getByRole("radio", { name: "Use any available network for live migration" }),
    ).toBeChecked();
    await expect(form.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
    // The lab's knob is in its own section, not among Hyper-V's.
    const lab = page.getByRole("region", { name: "Lab" });
    await expect(lab.getByRole("textbox", { name: "Pre-copy pass cap" })).toHaveValue("10");
  });

  await test.step("each change shows its PowerShell before it is saved", async () => {
    await enable.check();
    await expect(preview(page)).toContainText("Enable-VMMigration -ComputerName HV4");
    await form.getByRole("radio", { name: "Use Kerberos" }).check();
    await form.getByRole("radio", { name: "SMB" }).check();
    await simultaneous.fill("4");
    await expect(preview(page)).toContainText(
      "Set-VMHost -MaximumVirtualMachineMigrations 4 -VirtualMachineMigrationAuthenticationType Kerberos -VirtualMachineMigrationPerformanceOption SMB -ComputerName HV4",
    );
  });

  await test.step("a bad value is named at its field and nothing is sent", async () => {
    await simultaneous.fill("0");
    await form.getByRole("button", { name: "Save", exact: true }).click();
    await expect(simultaneous).toHaveAttribute("aria-invalid", "true");
    await expect(simultaneous).toHaveAccessibleDescription("Enter a whole number from 1 to 64.");
    await expect(form.getByRole("alert")).toContainText("Correct the fields marked in red");
    await simultaneous.fill("4");
    await expect(simultaneous).toHaveAttribute("aria-invalid", "false");
  });

  await test.step("leaving with unsaved changes asks first; Cancel stays", async () => {
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toBe("You have unsaved changes. Leave this page and discard them?");
      void dialog.dismiss();
    });
    await tools(page).getByRole("link", { name: "Overview" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(simultaneous).toHaveValue("4");
  });

  await test.step("Discard puts back what is saved", async () => {
    await form.getByRole("button", { name: "Discard" }).click();
    await expect(enable).not.toBeChecked();
    await expect(simultaneous).toHaveValue("1");
    await expect(preview(page)).toHaveCount(0);
    // Nothing unsaved: the tool list leaves without a question.
    await tools(page).getByRole("link", { name: "Overview" }).click();
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  });
});

test("enable live migration on HV4 in Settings, then move a VM to it", async ({ page }) => {
  await test.step("with HV4's live migrations off, HV4 is no destination and says why", async () => {
    const pane = await manageMove(page, await openVmInventory(page, "hv5.contoso.com"), "LAB-AMD02");
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(
      pane.getByRole("table", { name: "Destination hosts" }).getByRole("radio", { name: "HV4" }),
    ).toHaveAccessibleDescription(
      /Enable incoming and outgoing live migrations.*Enable-VMMigration -ComputerName HV4/,
    );
    await pane.getByRole("button", { name: "Cancel" }).click();
  });

  await test.step("Settings on HV4: enable, Save", async () => {
    const form = await openHostSettings(page, "HV4");
    await form.getByRole("checkbox", { name: "Enable incoming and outgoing live migrations" }).check();
    await save(page, form);
    await expect(form.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
  });

  await test.step("LAB-AMD02 moves from HV5 to HV4", async () => {
    const pane = await reviewMove(
      page,
      "hv5.contoso.com",
      "LAB-AMD02",
      "HV4",
      "A session signed in on the source host (HV5)",
    );
    await expect(pane.getByRole("region", { name: "Compatibility report" })).toContainText(
      "No incompatibilities found",
    );
    await moveToCompletion(page, pane);
    expect((await vmByName(page.request, "LAB-AMD02")).host.name).toBe("HV4");
  });
});

test("HV3's incoming networks: a subnet that excludes the source refuses the move, allowing it lets it through", async ({
  page,
  request,
}) => {
  const refused =
    'Failed to establish a connection with host "HV3": No connection could be made because the target machine actively refused it. (0x8007274D)';

  await test.step("Settings on HV3: only 10.0.0.0/24, and the PowerShell for it", async () => {
    const form = await openHostSettings(page, "HV3");
    await form.getByRole("radio", { name: "Use these IP addresses for live migration" }).check();
    await form.getByRole("button", { name: "Add subnet" }).click();
    await form.getByRole("textbox", { name: "Subnet 1" }).fill("10.0.0.0/24");
    await expect(preview(page)).toContainText(
      "Set-VMHost -UseAnyNetworkForMigration $false -ComputerName HV3",
    );
    await expect(preview(page)).toContainText(
      "Add-VMMigrationNetwork 10.0.0.0/24 -Priority 1 -ComputerName HV3",
    );
    await save(page, form);
  });

  await test.step("UTIL01 from HV1 (192.168.10.11) is refused, with Hyper-V's words", async () => {
    const pane = await reviewMove(page, "hv1.contoso.com", "UTIL01", "HV3");
    await expect(pane.getByRole("region", { name: "Compatibility report" })).toContainText(refused);
    await expect(pane.getByRole("button", { name: "Move", exact: true })).toBeDisabled();
    await pane.getByRole("button", { name: "Cancel" }).click();
    const ids = await estate(request);
    const answer = await request.post("/api/migrations", {
      data: {
        vmId: ids.vm("UTIL01"),
        kind: "shared-nothing",
        destinationHostId: ids.host("HV3"),
        startedFrom: "admin-center",
      },
    });
    expect(answer.status()).toBe(422);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toBe(refused);
  });

  await test.step("add HV1's live-migration subnet, with a priority ahead of the first, and the move goes through", async () => {
    const form = await openHostSettings(page, "HV3");
    await form.getByRole("button", { name: "Add subnet" }).click();
    await form.getByRole("textbox", { name: "Subnet 2" }).fill("192.168.10.0/24");
    await form.getByRole("button", { name: "Move subnet 2 up" }).click();
    await expect(form.getByRole("textbox", { name: "Subnet 1" })).toHaveValue("192.168.10.0/24");
    await expect(form.getByRole("textbox", { name: "Priority 1" })).toHaveValue("1");
    await expect(form.getByRole("textbox", { name: "Priority 2" })).toHaveValue("2");
    await expect(preview(page)).toContainText(
      "Set-VMMigrationNetwork 10.0.0.0/24 -NewPriority 2 -ComputerName HV3",
    );
    await expect(preview(page)).toContainText(
      "Add-VMMigrationNetwork 192.168.10.0/24 -Priority 1 -ComputerName HV3",
    );
    await save(page, form);

    const pane = await reviewMove(page, "hv1.contoso.com", "UTIL01", "HV3");
    await expect(pane.getByRole("region", { name: "Compatibility report" })).toContainText(
      "No incompatibilities found",
    );
    await moveToCompletion(page, pane);
    expect((await vmByName(request, "UTIL01")).host.name).toBe("HV3");
  });
});

test("the Events tool filters by log, event id, level and time; settings changes are on the lab's log", async ({
  page,
}) => {
  const grid = page.getByRole("table", { name: "Events" });
  const filter = page.getByRole("group", { name: "Filter" });

  await test.step("HV3: the lab's log holds the two settings changes, with their PowerShell", async () => {
    await openConnection(page, "hv3.contoso.com");
    await tools(page).getByRole("link", { name: "Events" }).click();
    await filter.getByLabel("Log", { exact: true }).selectOption({ label: "Live Migration Lab" });
    const changes = grid.getByRole("row").filter({ hasText: "Hyper-V host settings of HV3 changed" });
    await expect(changes).toHaveCount(2);
    await changes.first().getByRole("checkbox").check();
    await expect(page.getByRole("region", { name: "Event details" })).toContainText(
      "Add-VMMigrationNetwork 192.168.10.0/24 -Priority 1 -ComputerName HV3",
    );
  });

  await test.step("HV1: Hyper-V-High-Availability-Admin and event 21502, then a level that matches none, then a bad id", async () => {
    await openConnection(page, "hv1.contoso.com");
    await tools(page).getByRole("link", { name: "Events" }).click();
    await filter
      .getByLabel("Log", { exact: true })
      .selectOption({ label: "Hyper-V-High-Availability-Admin" });
    await filter.getByLabel("Event ID").fill("21502");
    await expect(grid.getByRole("row").filter({ hasText: "Live migration of" })).toHaveCount(1);
    await expect(grid).toContainText("LEGACY-APP");
    await filter.getByLabel("Level").selectOption("Information");
    await expect(page.getByText("No event matches the filter.")).toBeVisible();
    await filter.getByLabel("Event ID").fill("2150x");
    await expect(filter.getByLabel("Event ID")).toHaveAccessibleDescription(
      "Enter an event ID from 0 to 65535.",
    );
  });

  await test.step("Logged: the last hour holds UTIL01's move, not the seeded week-old entries", async () => {
    await page.getByRole("toolbar", { name: "Events" }).getByRole("button", { name: "Clear filter" }).click();
    await filter.getByLabel("Log", { exact: true }).selectOption({ label: "Hyper-V-VMMS-Admin" });
    await filter.getByLabel("Logged").selectOption("Last hour");
    await expect(grid).toContainText("UTIL01");
    await expect(grid).not.toContainText("WEB02");
    await filter.getByLabel("Logged").selectOption("Any time");
    await expect(grid).toContainText("WEB02");
  });
});

test("View PowerShell scripts: the Virtual machines tool's actions for the selected VM", async ({ page }) => {
  const grid = await openVmInventory(page, "cluster1.contoso.com");
  await grid.getByRole("checkbox", { name: "Select FS01" }).check();
  await page
    .getByRole("toolbar", { name: "Virtual machine actions" })
    .getByRole("button", { name: "View PowerShell scripts" })
    .click();
  const panel = page.getByRole("dialog", { name: "PowerShell scripts: Virtual machines" });
  await expect(panel).toContainText("For FS01 on HV1.");
  await panel.getByLabel("Script").selectOption("Turn off");
  await expect(panel.getByRole("region", { name: "Turn off" })).toContainText(
    "Stop-VM -Name FS01 -TurnOff -ComputerName HV1",
  );
  await panel
    .getByLabel("Script")
    .selectOption("Processor compatibility: migrate to a different processor version");
  await expect(panel.getByRole("region", { name: /^Processor compatibility/ })).toContainText(
    "Set-VMProcessor -VMName FS01 -CompatibilityForMigrationEnabled $true -ComputerName HV1",
  );
  await panel.getByRole("button", { name: "Close" }).click();
  await expect(panel).toBeHidden();
});
