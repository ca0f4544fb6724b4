import type { Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import {
  estate,
  expect,
  labClock,
  manageMove,
  openConnection,
  openVmInventory,
  startsFrom,
  test,
  tools,
} from "./fixtures";

// axe-core on the main pages, in both themes: serious and critical violations fail, with no rule
// disabled and no element excluded.

startsFrom("demo");

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

  // The lab clock is held and stepped: ANALYTICS01 just past its setup, in its memory transfer for
  // as long as the scans take; WEB02 then straight to its end.
  await labClock(request, { mode: "paused" });
  const ids = await estate(request);
  const running = await request.post("/api/migrations", {
    data: {
      vmId: ids.vm("ANALYTICS01"),
      kind: "live",
      destinationHostId: ids.host("HV2"),
      startedFrom: "admin-center",
      speed: 1,
    },
  });
  const moving = (await running.json()) as { id: number };
  // 4 simulated seconds at 1x: past the setup (3.4 s).
  await labClock(request, { advance: "4s" });
  await page.goto(`/migrations/${moving.id}`);
  await expect(page.getByRole("listitem", { name: /^Memory transfer: in progress/ })).toBeVisible();
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
  expect((await labClock(request, { advanceTo: "end", migrationId: id })).reached).toBe(true);
  await expect(page.getByRole("listitem", { name: /^Cleanup: completed/ })).toBeVisible();
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

test("the Settings, Active Directory and Events tools and the PowerShell scripts pass axe, light and dark", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openConnection(page, "hv3.contoso.com");
  await tools(page).getByRole("link", { name: "Settings" }).click();
  const form = page.getByRole("form", { name: "Hyper-V Host Settings" });
  await form.getByRole("radio", { name: "Use these IP addresses for live migration" }).check();
  await form.getByRole("button", { name: "Add subnet" }).click();
  await form.getByRole("textbox", { name: "Subnet 1" }).fill("10.0.0.0/33");
  await form.getByRole("radio", { name: "Use Kerberos" }).check();
  await form.getByRole("button", { name: "Save", exact: true }).click();
  // Field errors, the PowerShell preview's absence, the delegation status: the form at its busiest.
  await expect(form.getByRole("textbox", { name: "Subnet 1" })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "Settings with a field error");
  await form.getByRole("textbox", { name: "Subnet 1" }).fill("10.0.0.0/24");
  await expect(page.getByRole("region", { name: "PowerShell for these changes" })).toBeVisible();
  await expectAccessible(page, "Settings with the PowerShell preview");
  await page
    .getByRole("toolbar", { name: "Settings" })
    .getByRole("button", { name: "View PowerShell scripts" })
    .click();
  await expect(page.getByRole("dialog", { name: "PowerShell scripts: Settings" })).toBeVisible();
  await expectAccessible(page, "Settings' PowerShell scripts");
  await page.keyboard.press("Escape");
  await form.getByRole("button", { name: "Discard" }).click();

  await tools(page).getByRole("link", { name: "Events" }).click();
  await page.getByRole("group", { name: "Filter" }).getByLabel("Event ID").fill("x");
  await expect(page.getByText("Enter an event ID from 0 to 65535.")).toBeVisible();
  await expectAccessible(page, "Events with the filter");

  await openConnection(page, "dc1.contoso.com");
  await tools(page).getByRole("link", { name: "Active Directory" }).click();
  await expect(page.getByRole("table", { name: "Computers" })).toBeVisible();
  await expectAccessible(page, "the Active Directory tool");
  await page
    .getByRole("table", { name: "Computers" })
    .getByRole("button", { name: "HV3", exact: true })
    .click();
  const dialog = page.getByRole("dialog", { name: "HV3 Properties" });
  await dialog
    .getByRole("radio", { name: "Trust this computer for delegation to specified services only" })
    .check();
  await dialog.getByRole("button", { name: "Add service" }).click();
  await expect(dialog.getByRole("region", { name: "PowerShell for these changes" })).toBeVisible();
  await expectAccessible(page, "an account's Delegation tab");
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
  // The top bar names the connection once its query answers: an empty link until then.
  await expect(page.getByRole("banner").getByRole("link", { name: "srv3.contoso.com" })).toBeVisible();
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

  // A lesson with the lab's own change (a labelled region with its button).
  await page
    .getByRole("region", { name: "Why a migration does not converge" })
    .getByRole("button", { name: "Start" })
    .click();
  await page.getByRole("button", { name: "Replace the estate and start" }).click();
  await expect(page.getByRole("region", { name: "The lab's change", exact: true })).toBeVisible();
  await expectAccessible(page, "a lab run with the lab's own change");
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
