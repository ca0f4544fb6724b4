import { expect, openConnection, startsFrom, test, tools } from "./fixtures";

// Cluster > Settings: the live-migration networks and Simultaneous live migrations, with field
// errors, the PowerShell of the change, Save and Discard, and a question before leaving unsaved.

startsFrom("demo");

test("change CLUSTER1's simultaneous live migrations and network order; the PowerShell shows first, the dashboard says it in words", async ({
  page,
  request,
}) => {
  await openConnection(page, "cluster1.contoso.com");
  await expect(page.getByRole("region", { name: "Live migration" })).toContainText(
    "Simultaneous live migrations",
  );
  await tools(page).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  const limit = page.getByLabel("Simultaneous live migrations");
  await expect(limit).toHaveValue("2");
  const save = page.getByRole("button", { name: "Save", exact: true });
  await expect(save).toBeDisabled();

  await test.step("a limit out of range is a field error, and nothing is saved", async () => {
    await limit.fill("0");
    await save.click();
    await expect(page.getByText("Enter a whole number from 1 to 64.").first()).toBeVisible();
    await expect(limit).toHaveAttribute("aria-invalid", "true");
    const cluster = (await (await request.get("/api/clusters/1")).json()) as {
      maxParallelMigrations: number;
    };
    expect(cluster.maxParallelMigrations).toBe(2);
  });

  await test.step("leaving with unsaved changes asks first; dismissing stays on the page", async () => {
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await tools(page).getByRole("link", { name: "Dashboard" }).click();
    expect(asked).toMatch(/unsaved changes/);
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  });

  await test.step("1 at a time and the management network first: the PowerShell, then Save", async () => {
    await limit.fill("1");
    const networks = page.getByRole("table", { name: "Live migration networks" });
    await networks.getByRole("button", { name: "Move Cluster Network 1 up" }).click();
    await expect(networks.getByRole("row").nth(1)).toContainText("Cluster Network 1");
    const script = page.getByRole("region", { name: "View PowerShell script" });
    await expect(script).toContainText("(Get-Cluster -Name CLUSTER1).MaximumParallelMigrations = 1");
    await expect(script).toContainText(
      "$vmType | Set-ClusterParameter -Name MigrationNetworkOrder -Value ((('Cluster Network 1', 'Cluster Network 2') |",
    );
    await save.click();
    await expect(page.getByText("Settings of CLUSTER1 saved.")).toBeVisible();
    await expect(limit).toHaveValue("1");
    await expect(save).toBeDisabled();
  });

  await test.step("Discard puts back what is stored", async () => {
    await page.getByRole("checkbox", { name: "Use Cluster Network 2 for live migration" }).uncheck();
    await page.getByRole("button", { name: "Discard" }).click();
    await expect(
      page.getByRole("checkbox", { name: "Use Cluster Network 2 for live migration" }),
    ).toBeChecked();
  });

  await tools(page).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("region", { name: "Live migration" })).toContainText("1");
  // The cluster's Servers show the change in their event log.
  const log = (await (await request.get("/api/event-log?limit=50")).json()) as {
    items: { message: string }[];
  };
  expect(log.items.map((e) => e.message)).toContain(
    "The cluster property 'MaximumParallelMigrations' of cluster 'CLUSTER1' changed from 2 to 1.",
  );
});
