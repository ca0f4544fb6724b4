import type { Locator, Page } from "@playwright/test";
import { expect, expectMoveCompleted, labClock, manageMove, startsFrom, test, vmActions } from "./fixtures";

// The guided lab from a bare domain to a live migration, through the real forms: every step's
// check says what is missing before the step and passes after it. Then the quick review, a
// reload, and Start over.

startsFrom("demo");
test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1440, height: 900 } });

const LESSON = "Build a cluster and live-migrate a VM";

const STEPS = [
  "The domain and its members",
  "Validate and create the cluster",
  "The iSCSI target server's virtual disk",
  "The target and its initiators",
  "Connect the initiators on both nodes",
  "Add the disk to Cluster Shared Volumes",
  "Create a highly available VM on the CSV",
  "Live-migrate it in Failover Cluster Manager and watch its passes",
];

const step = (page: Page, n: number): Locator =>
  page.getByRole("region", { name: `Step ${n}: ${STEPS[n - 1]}` });
const check = (page: Page, n: number): Locator =>
  step(page, n).getByRole("region", { name: `Check of step ${n}` });

async function openLab(page: Page) {
  await page.goto("/lab");
  await expect(page.getByRole("heading", { name: "Guided lab", level: 1 })).toBeVisible();
}
async function expectMissing(page: Page, n: number, text: string | RegExp) {
  await expect(check(page, n).getByRole("list", { name: "Still missing" })).toContainText(text);
}
async function expectPassed(page: Page, n: number) {
  await expect(check(page, n)).toContainText("Check passed");
}
/** From the lab, follow a step's link to its real form. */
async function follow(page: Page, n: number, link: string) {
  await step(page, n).getByRole("link", { name: link }).click();
}

test("the whole lab, from a bare domain to a live migration, every check failing before its step and passing after", async ({
  page,
}) => {
  test.setTimeout(240_000);

  await test.step("All connections links to the lab; starting it names what will be lost", async () => {
    await page.goto("/");
    await page
      .getByRole("toolbar", { name: "Connections" })
      .getByRole("link", { name: "Guided lab" })
      .click();
    await expect(page.getByRole("heading", { name: "Guided lab", level: 1 })).toBeVisible();
    await page.getByRole("region", { name: LESSON }).getByRole("button", { name: "Start" }).click();
    const dialog = page.getByRole("dialog", { name: `Start "${LESSON}"?` });
    await expect(dialog).toContainText(
      "You will lose 6 servers, 1 cluster, 13 virtual machines, 2 iSCSI virtual disks, 1 Cluster Shared Volume",
    );
    await dialog.getByRole("button", { name: "Replace the estate and start" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Checklist" })).toContainText(
      "Step 1: The domain and its members (done)",
    );
    await expect(page.getByText("1 of 8 steps done")).toBeVisible();
  });

  await test.step("1. the domain and its members: nothing to build, the check reads the estate", async () => {
    await expectPassed(page, 1);
    await expectMissing(page, 2, "No cluster has HV1 and HV2 as nodes yet");
  });

  await test.step("2. validate and create the cluster", async () => {
    await follow(page, 2, "Open Create cluster");
    const form = page
      .getByRole("dialog", { name: "Add or create resources" })
      .getByRole("form", { name: "Create cluster" });
    await form.getByRole("checkbox", { name: /^HV1\b/ }).check();
    await form.getByRole("checkbox", { name: /^HV2\b/ }).check();
    await expect(form.getByRole("button", { name: "Create" })).toHaveAttribute("aria-disabled", "true");
    await form.getByRole("button", { name: "Validate", exact: true }).click();
    const report = form.getByRole("region", { name: "Validation report" });
    await expect(report).toContainText("Validation passed with 1 warning(s)");
    await expect(report.getByRole("table", { name: "Validation tests" })).toContainText(
      "No disks were found",
    );
    await expect(form.getByRole("table", { name: "Cluster networks" })).toContainText("192.168.10.0/24");
    await form.getByLabel("Cluster name").fill("CLUSTER1");
    // A field error first: the address must be in the client network.
    await form.getByLabel("Static IP address").fill("192.168.10.20");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form).toContainText("The address must be in the cluster's client network (10.0.0.0/24).");
    await form.getByLabel("Static IP address").fill("10.0.0.20");
    await expect(form.getByRole("region", { name: /View PowerShell script/ })).toContainText(
      "New-Cluster -Name CLUSTER1 -Node HV1,HV2 -StaticAddress 10.0.0.20",
    );
    await form.getByRole("button", { name: "Create" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByText("file share witness (\\\\DC1\\Witness)")).toBeVisible();
    await openLab(page);
    await expectPassed(page, 2);
    await expectMissing(page, 3, "SRV3 has no iSCSI virtual disk yet.");
  });

  await test.step("3. the iSCSI virtual disk on SRV3", async () => {
    await follow(page, 3, "Open SRV3's iSCSI Target Server");
    await expect(page.getByRole("heading", { name: "iSCSI Target Server", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Data disks" })).toContainText("1.75 TB");
    await page
      .getByRole("toolbar", { name: "iSCSI Target Server" })
      .getByRole("button", { name: "New iSCSI virtual disk" })
      .click();
    const form = page.getByRole("form", { name: "New iSCSI virtual disk" });
    await expect(form.getByLabel("Path")).toHaveValue("E:\\iSCSIVirtualDisks\\CSV1.vhdx");
    await form.getByRole("button", { name: "Create" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Created the iSCSI virtual disk" }),
    ).toBeVisible();
    await openLab(page);
    await expectPassed(page, 3);
    await expectMissing(page, 4, "SRV3 has no iSCSI target yet.");
  });

  await test.step("4. the target and its initiators", async () => {
    await follow(page, 4, "Open SRV3's iSCSI Target Server");
    await page
      .getByRole("toolbar", { name: "iSCSI Target Server" })
      .getByRole("button", { name: "New iSCSI target" })
      .click();
    const form = page.getByRole("form", { name: "New iSCSI target" });
    await form.getByRole("checkbox", { name: /^HV1\b/ }).check();
    await form.getByRole("checkbox", { name: /^HV2\b/ }).check();
    await form.getByRole("checkbox", { name: /CSV1\.vhdx/ }).check();
    await form.getByRole("button", { name: "Create" }).click();
    await expect(page.getByRole("table", { name: "iSCSI targets" })).toContainText(
      "iqn.1991-05.com.microsoft:srv3-cluster1-csv-target",
    );
    await openLab(page);
    await expectPassed(page, 4);
    await expectMissing(page, 5, "HV1 is not connected to target 'cluster1-csv'");
  });

  await test.step("5. the initiators on both nodes", async () => {
    for (const node of ["HV1", "HV2"]) {
      await follow(page, 5, `Open ${node}'s iSCSI Initiator`);
      await expect(page.getByRole("heading", { name: "iSCSI Initiator", level: 1 })).toBeVisible();
      await page.getByLabel("Target portal address").fill("192.168.20.13");
      await page.getByRole("button", { name: "Discover portal" }).click();
      await page
        .getByRole("table", { name: "Discovered targets" })
        .getByRole("button", { name: "Connect cluster1-csv" })
        .click();
      await expect(page.getByRole("table", { name: "Discovered targets" })).toContainText("Connected");
      if (node === "HV1") {
        await page.getByRole("button", { name: "Bring online: E:\\iSCSIVirtualDisks\\CSV1.vhdx" }).click();
        await expect(page.getByRole("table", { name: "iSCSI disks" })).toContainText("Online");
      }
      await openLab(page);
    }
    await expectPassed(page, 5);
    await expectMissing(page, 6, "No disk of CLUSTER1 yet");
  });

  await test.step("6. Add disk, then Add to Cluster Shared Volumes", async () => {
    await follow(page, 6, "Open the cluster's Volumes");
    await page.getByRole("toolbar", { name: "Storage" }).getByRole("button", { name: "Add disk" }).click();
    await page
      .getByRole("form", { name: "Add disk" })
      .getByRole("button", { name: "Add", exact: true })
      .click();
    await expect(page.getByRole("table", { name: "Cluster disks" })).toContainText("Available Storage");
    await page.getByRole("button", { name: "Add to Cluster Shared Volumes: Cluster Disk 1" }).click();
    await expect(page.getByRole("table", { name: "Cluster disks" })).toContainText(
      "Cluster Shared Volume (C:\\ClusterStorage\\Volume1)",
    );
    await openLab(page);
    await expectPassed(page, 6);
    await expectMissing(page, 7, "No highly available VM on C:\\ClusterStorage\\Volume1 yet");
  });

  await test.step("7. a highly available VM: refused on local storage, created on the CSV", async () => {
    await follow(page, 7, "Open the cluster's Virtual machines");
    await vmActions(page).getByRole("button", { name: "Add" }).click();
    await page.getByRole("menuitem", { name: "New" }).click();
    const form = page.getByRole("form", { name: "New virtual machine" });
    await form.getByRole("textbox", { name: /^Name/ }).fill("WEB03");
    // The form offers the cluster's CSV once it has read the node's cluster; typed before that, a
    // path could be replaced by the default that arrives after it.
    await expect(form.getByLabel("Path")).toHaveValue("C:\\ClusterStorage\\Volume1");
    await form.getByLabel("Path").fill("D:\\Hyper-V");
    await expect(
      form.getByRole("checkbox", { name: "Make this virtual machine highly available in CLUSTER1" }),
    ).toBeChecked();
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form).toContainText(
      "Cannot make 'WEB03' highly available: 'D:\\Hyper-V' is on storage local to HV1",
    );
    await form.getByLabel("Path").fill("C:\\ClusterStorage\\Volume1");
    await expect(form.getByRole("region", { name: /View PowerShell script/ })).toContainText(
      "Add-ClusterVirtualMachineRole -VMName WEB03 -Cluster CLUSTER1",
    );
    await form.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/clusters\/\d+\/vms\/\d+$/);
    await openLab(page);
    await expectPassed(page, 7);
    await expectMissing(page, 8, "WEB03 is Off: start it");
  });

  await test.step("8. start it, live-migrate it from Failover Cluster Manager, watch the passes", async () => {
    await follow(page, 8, "Open the cluster's Virtual machines");
    const grid = page.getByRole("table", { name: "Virtual machines" });
    await grid.getByRole("checkbox", { name: "Select WEB03" }).check();
    await vmActions(page).getByRole("button", { name: "Start" }).click();
    await expect(grid.getByRole("row", { name: /\bWEB03\b/ })).toContainText("Running");
    const pane = await manageMove(page, grid, "WEB03");
    await pane.getByRole("button", { name: "Next" }).click();
    await pane.getByRole("radio", { name: "Best possible node" }).check();
    await pane.getByRole("button", { name: "Next" }).click();
    await pane.getByLabel("Start the move from").selectOption({ label: "Failover Cluster Manager" });
    await pane.getByRole("button", { name: "Next" }).click();
    // The lab clock is held from here and stepped: the page takes the first pass, then the end.
    await labClock(page.request, { mode: "paused" });
    await pane.getByRole("button", { name: "Move", exact: true }).click();
    await expect(page).toHaveURL(/\/migrations\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").at(-1));
    const pass1 = page
      .getByRole("table", { name: "Pre-copy passes" })
      .getByRole("rowheader", { name: "1", exact: true });
    await expect(pass1).toHaveCount(0);
    expect((await labClock(page.request, { advanceTo: "next-pass", migrationId: id })).reached).toBe(true);
    await expect(pass1).toBeVisible();
    expect((await labClock(page.request, { advanceTo: "end", migrationId: id })).reached).toBe(true);
    await expectMoveCompleted(page);
    await openLab(page);
    await expectPassed(page, 8);
    await expect(page.getByText("8 of 8 steps done")).toBeVisible();
  });
});

test("the quick review: a wrong answer and a right one, with the reason, kept over a reload", async ({
  page,
}) => {
  await openLab(page);
  const storage = page.getByRole("form", {
    name: "Which storage hosted the highly available VM's disk during its live migration?",
  });
  await storage.getByRole("radio", { name: /A local disk of the node/ }).check();
  await storage.getByRole("button", { name: "Answer" }).click();
  await expect(storage.getByRole("status")).toContainText(
    'Not quite: the answer is "A Cluster Shared Volume on SRV3\'s iSCSI target, reached by both nodes".',
  );
  await expect(storage.getByRole("radio", { name: /A Cluster Shared Volume/ })).toBeDisabled();

  const credssp = page.getByRole("form", { name: /With CredSSP authentication/ });
  await credssp.getByRole("radio", { name: "From a session signed in on the source host" }).check();
  await credssp.getByRole("button", { name: "Answer" }).click();
  await expect(credssp.getByRole("status")).toContainText("Correct.");
  await expect(credssp.getByRole("status")).toContainText(
    "CredSSP cannot pass your credentials on a second hop",
  );
  await expect(page.getByText("Score for this run: 1 of 4 right (2 answered).")).toBeVisible();

  await page.reload();
  await expect(page.getByText("Score for this run: 1 of 4 right (2 answered).")).toBeVisible();
  await expectPassed(page, 8);
});

test("Start over: the confirmation names what goes, the checks fail again, the old score stays in history", async ({
  page,
}) => {
  await openLab(page);
  await page
    .getByRole("region", { name: "Current lesson" })
    .getByRole("button", { name: "Start over" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Start over?" });
  await expect(dialog).toContainText(
    "You will lose 4 servers, 1 cluster, 1 virtual machine, 1 iSCSI virtual disk, 1 Cluster Shared Volume, and the history of 1 move.",
  );
  await dialog.getByRole("button", { name: "Replace the estate and start" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("1 of 8 steps done")).toBeVisible();
  await expectMissing(page, 2, "No cluster has HV1 and HV2 as nodes yet");
  await expect(page.getByText("Score for this run: 0 of 4 right (0 answered).")).toBeVisible();
  await expect(page.getByRole("table", { name: "Earlier runs" })).toContainText("1 of 4 right (2 answered)");
});
