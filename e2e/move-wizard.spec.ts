import {
  expect,
  manageMove,
  migrationIds,
  moveStep,
  openMovePane,
  openVmInventory,
  shot,
  startsFrom,
  test,
  theme,
  vmActions,
  vmByName,
} from "./fixtures";

startsFrom("demo");

// The Move pane (Manage > Move): four steps, every one answered by POST /api/migrations/compare.
// Pictures of each step land in test-results/move-wizard/ (1440x900) for training material.
// ANALYTICS01, APP01, LEGACY-APP and FS01 are this file's VMs; only FS01 moves (and is cancelled).
test.use({ viewport: { width: 1440, height: 900 } });
// Journeys through four steps, each answered by the server: more than the default 30 s on a slow box.
test.setTimeout(60_000);

test("Manage > Move on a clustered VM: kinds, destinations, options, then the review", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const grid = await openVmInventory(page, "cluster1.contoso.com");
  await vmActions(page).getByRole("button", { name: "Manage" }).click();
  // Nothing selected: Move is there but disabled.
  await expect(page.getByRole("menuitem", { name: "Move" })).toHaveAttribute("aria-disabled", "true");
  await page.keyboard.press("Escape");
  const pane = await manageMove(page, grid, "ANALYTICS01");

  await test.step("1 Kind of move: live migration inside CLUSTER1; shared-nothing says why not", async () => {
    await expect(moveStep(pane, "Kind of move")).toHaveAttribute("aria-current", "step");
    await expect(
      pane.getByRole("radio", { name: "Live migration (to another node of CLUSTER1)" }),
    ).toBeChecked();
    const sharedNothing = pane.getByRole("radio", {
      name: "Shared-nothing live migration (to another server)",
    });
    await expect(sharedNothing).toBeDisabled();
    await expect(sharedNothing).toHaveAccessibleDescription(
      "Virtual machine 'ANALYTICS01' is a clustered role of CLUSTER1; move it to another node with a live migration.",
    );
    await expect(pane.getByRole("radio", { name: "Quick migration" })).toBeEnabled();
    await shot(page, "move-wizard", "01-kind-of-move");
  });

  await test.step("2 Destination: best possible node is HV2; hosts outside CLUSTER1 are disabled with the reason", async () => {
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(moveStep(pane, "Destination")).toHaveAttribute("aria-current", "step");
    const best = pane.getByRole("radio", { name: "Best possible node" });
    await expect(best).toBeChecked();
    await expect(best).toHaveAccessibleDescription(/^HV2: the compatible node with the most free memory/);
    const hosts = pane.getByRole("table", { name: "Destination hosts" });
    await expect(hosts.getByRole("radio", { name: "HV2" })).toBeEnabled();
    await expect(hosts.getByRole("row", { name: /HV2/ }).first()).toContainText("Intel");
    for (const outside of ["HV3", "HV4"]) {
      const radio = hosts.getByRole("radio", { name: outside });
      await expect(radio).toBeDisabled();
      await expect(radio).toHaveAccessibleDescription(
        `${outside} is not a node of CLUSTER1, so it cannot own the VM's role.`,
      );
    }
    await expect(hosts.getByRole("row", { name: /HV4/ }).first()).toContainText("AMD");
    await hosts.getByRole("radio", { name: "HV2" }).check();
    await shot(page, "move-wizard", "02-destination");
  });

  await test.step("3 Options: where the move starts from, and the advanced speed checked as typed", async () => {
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(moveStep(pane, "Options")).toHaveAttribute("aria-current", "step");
    const from = pane.getByLabel("Start the move from");
    await expect(from).toHaveValue("admin-center");
    await expect(from.getByRole("option")).toHaveText([
      "This gateway (Admin Center)",
      "A session signed in on the source host (HV1)",
      "Failover Cluster Manager",
      "Hyper-V Manager",
      "PowerShell",
    ]);
    await expect(pane.getByText("Production exists on HV2.")).toBeVisible();
    await pane.getByRole("button", { name: "Advanced" }).click();
    await pane.getByLabel("Simulation speed").fill("5000");
    await expect(pane.getByText("Enter a speed from 1 to 1000.")).toBeVisible();
    // Emptied while typing, the Advanced section stays open: only its button folds it.
    await pane.getByLabel("Simulation speed").fill("");
    await expect(pane.getByLabel("Seed")).toBeVisible();
    await pane.getByLabel("Simulation speed").fill("100");
    await pane.getByLabel("Seed").fill("7");
    await expect(pane.getByText("Enter a speed from 1 to 1000.")).toHaveCount(0);
    await shot(page, "move-wizard", "03-options");
  });

  await test.step("Hyper-V Manager cannot live-migrate a clustered VM: the review says so and Move is disabled", async () => {
    await pane.getByLabel("Start the move from").selectOption("hyper-v-manager");
    await moveStep(pane, "Review").click();
    const report = pane.getByRole("region", { name: "Compatibility report" });
    await expect(report.getByRole("listitem")).toHaveCount(1);
    await expect(report).toContainText("1 error: errors block the move.");
    await expect(pane.getByRole("button", { name: "Move", exact: true })).toBeDisabled();
    await moveStep(pane, "Options").click();
    await pane.getByLabel("Start the move from").selectOption("admin-center");
  });

  await test.step("4 Review: no incompatibility, the prediction with its passes, and the PowerShell", async () => {
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(moveStep(pane, "Review")).toHaveAttribute("aria-current", "step");
    await expect(pane.getByRole("region", { name: "Compatibility report" })).toContainText(
      "No incompatibilities found: the move can start.",
    );
    const prediction = pane.getByRole("region", { name: "Prediction" });
    for (const label of ["Expected duration", "Blackout", "Pre-copy passes", "Converges", "Data to send"]) {
      await expect(prediction.getByText(label, { exact: true })).toBeVisible();
    }
    // ANALYTICS01 rewrites memory almost as fast as the link sends it: the lesson of this VM.
    await expect(prediction).toContainText("Why it does not converge: The VM dirties memory at");
    await expect(prediction).toContainText("10-pass cap");
    const chart = prediction.getByRole("figure", { name: "Predicted data sent per pre-copy pass" });
    await expect(chart.locator(".recharts-bar-rectangle")).toHaveCount(10);
    await expect(chart.getByRole("row")).toHaveCount(11);

    const script = pane.getByRole("region", { name: "View PowerShell script" });
    const text = "Move-ClusterVirtualMachineRole -Name ANALYTICS01 -Node HV2 -MigrationType Live";
    await expect(script).toContainText(text);
    await script.getByRole("button", { name: "Copy" }).click();
    await expect(script.getByRole("status")).toHaveText("Copied to the clipboard");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(text);

    await expect(pane.getByRole("button", { name: "Move", exact: true })).toBeEnabled();
    await shot(page, "move-wizard", "04-review");
  });

  await test.step("the same review in the dark theme", async () => {
    await theme(page, "dark");
    await pane.getByRole("region", { name: "Compatibility report" }).scrollIntoViewIfNeeded();
    await shot(page, "move-wizard", "05-review-dark");
    await theme(page, "light");
    await pane.getByRole("button", { name: "Cancel" }).click();
    await expect(pane).toBeHidden();
  });
});

test("a CredSSP move started from the gateway is refused with Hyper-V's words; from a session on HV3 it may start", async ({
  page,
}) => {
  const pane = await openMovePane(page, "hv3.contoso.com", "APP01");
  const move = pane.getByRole("button", { name: "Move", exact: true });
  const credssp =
    'Failed to establish a connection with host "HV1": The credentials supplied to the package were not recognized (0x8009030D). The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine migration at the source host: no suitable credentials available. Make sure the operation is initiated on the source host of the migration, or the source host is configured to use Kerberos for the authentication of migration connections and Constrained Delegation is enabled for the host in Active Directory.';

  await test.step("a standalone VM moves shared-nothing; cluster kinds say why not", async () => {
    await expect(
      pane.getByRole("radio", { name: "Shared-nothing live migration (to another server)" }),
    ).toBeChecked();
    await expect(
      pane.getByRole("radio", { name: "Live migration (to another node of the cluster)" }),
    ).toBeDisabled();
  });

  await test.step("HV1 fails a check with the current start: it shows why and can still be picked", async () => {
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(pane.getByRole("radio", { name: "Best possible server" })).toHaveAccessibleDescription(
      "No server qualifies: every host below has a problem that blocks the move.",
    );
    const hv1 = pane.getByRole("table", { name: "Destination hosts" }).getByRole("radio", { name: "HV1" });
    await expect(hv1).toHaveAccessibleDescription(
      /^HV3 uses CredSSP \(0x8009030D\): start the move from a session signed in on HV3/,
    );
    await hv1.check();
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(pane.getByLabel("Destination storage path")).toHaveValue("D:\\Hyper-V\\APP01");
    await expect(pane.getByLabel("Start the move from")).toHaveValue("admin-center");
  });

  await test.step("the review shows the exact 0x8009030D text and Move is disabled with the reason", async () => {
    await pane.getByRole("button", { name: "Next" }).click();
    const report = pane.getByRole("region", { name: "Compatibility report" });
    await expect(report).toContainText(credssp);
    // Compare-VM's MessageId for this case is not published: the lab shows none rather than invent one.
    await expect(report).toContainText("Error · Source HV1");
    await expect(report).not.toContainText("MessageId");
    await expect(move).toBeDisabled();
    await expect(move).toHaveAccessibleDescription(
      /^Move is unavailable\. The compatibility report has an error/,
    );
    await expect(pane.getByRole("region", { name: "View PowerShell script" })).toContainText(
      "Move-VM -Name APP01 -DestinationHost HV1 -IncludeStorage -DestinationStoragePath 'D:\\Hyper-V\\APP01'",
    );
    await report.scrollIntoViewIfNeeded();
    await shot(page, "move-wizard", "06-credssp-blocked");
  });

  await test.step("started from a session on HV3 the report is clean and Move is enabled", async () => {
    await moveStep(pane, "Options").click();
    await pane
      .getByLabel("Start the move from")
      .selectOption({ label: "A session signed in on the source host (HV3)" });
    await moveStep(pane, "Review").click();
    await expect(pane.getByRole("region", { name: "Compatibility report" })).toContainText(
      "No incompatibilities found",
    );
    await expect(move).toBeEnabled();
  });

  await test.step("if preflight refuses at submit time (422), the pane shows the server's report", async () => {
    // As if someone signed out of HV3 between the check and the click: the body says "gateway".
    await page.route("**/api/migrations", async (route) => {
      const body = JSON.parse(route.request().postData() ?? "{}") as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, startedFrom: "admin-center" }) });
    });
    const answer = page.waitForResponse(
      (r) => r.url().endsWith("/api/migrations") && r.request().method() === "POST",
    );
    await move.click();
    expect((await answer).status()).toBe(422);
    await expect(pane.getByRole("alert")).toContainText("Preflight refused the move");
    await expect(pane.getByRole("region", { name: "Report from the server" })).toContainText(credssp);
    await page.unroute("**/api/migrations");
    expect(await migrationIds(page.request, (await vmByName(page.request, "APP01")).id)).toEqual([]);
  });
});

test("a missing switch is mapped on Options; a storage-only move's warning does not block", async ({
  page,
}) => {
  const pane = await openMovePane(page, "cluster1.contoso.com", "LEGACY-APP");
  const move = pane.getByRole("button", { name: "Move", exact: true });

  await test.step("best resolves to HV2, whose switches Options offers for the missing Legacy", async () => {
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(pane.getByRole("radio", { name: "Best possible node" })).toHaveAccessibleDescription(
      "HV2: the node with the most free memory once its missing switches are mapped on Options.",
    );
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(pane.getByRole("region", { name: "Virtual switches" })).toContainText(
      '"Best possible node" is HV2 for this move',
    );
    const map = pane.getByLabel("Destination switch for Legacy");
    await expect(map.getByRole("option", { name: "Production" })).toBeAttached();
    await pane.getByRole("button", { name: "Back" }).click();
  });

  await test.step("HV2 lacks the Legacy switch: shown, and pickable so it can be mapped", async () => {
    const hosts = pane.getByRole("table", { name: "Destination hosts" });
    await expect(hosts.getByRole("row", { name: /HV2/ }).first()).toContainText("Legacy");
    const hv2 = hosts.getByRole("radio", { name: "HV2" });
    await expect(hv2).toHaveAccessibleDescription(
      "HV2 has no virtual switch named 'Legacy': map it to one of HV2's switches.",
    );
    await hv2.check();
  });

  await test.step("mapped to Production, the report is clean and the script reconnects the adapter", async () => {
    await pane.getByRole("button", { name: "Next" }).click();
    const map = pane.getByLabel("Destination switch for Legacy");
    await expect(map).toHaveValue("");
    await map.selectOption("Production");
    await moveStep(pane, "Review").click();
    await expect(pane.getByRole("region", { name: "Compatibility report" })).toContainText(
      "No incompatibilities found",
    );
    await expect(pane.getByRole("region", { name: "View PowerShell script" })).toContainText(
      "Connect-VMNetworkAdapter -SwitchName 'Production'",
    );
    await expect(move).toBeEnabled();
    await shot(page, "move-wizard", "07-switch-mapped");
  });

  await test.step("storage only: the VM stays on HV1, a warning shows and Move stays enabled", async () => {
    await moveStep(pane, "Kind of move").click();
    await pane.getByRole("radio", { name: "Storage only" }).check();
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(pane.getByText("A storage move keeps LEGACY-APP running on HV1")).toBeVisible();
    await pane.getByRole("button", { name: "Next" }).click();
    const path = pane.getByLabel("Destination storage path");
    await expect(path).toHaveValue("D:\\Hyper-V\\LEGACY-APP");
    await pane.getByRole("button", { name: "Next" }).click();
    const report = pane.getByRole("region", { name: "Compatibility report" });
    await expect(report).toContainText("1 warning: warnings do not block the move.");
    await expect(report).toContainText("'D:\\Hyper-V\\LEGACY-APP' is not on a Cluster Shared Volume.");
    await expect(move).toBeEnabled();
    await shot(page, "move-wizard", "08-storage-warning");
  });

  await test.step("a path that is not local is refused on Options and blocks Move", async () => {
    await moveStep(pane, "Options").click();
    await pane.getByLabel("Destination storage path").fill("\\\\SRV3\\VMs");
    await expect(pane.getByText("Enter a local path such as D:\\Hyper-V\\WEB01.")).toBeVisible();
    await moveStep(pane, "Review").click();
    await expect(move).toBeDisabled();
    await expect(move).toHaveAccessibleDescription(
      "Move is unavailable. An option is not valid: see Options.",
    );
    await moveStep(pane, "Options").click();
    await pane.getByLabel("Destination storage path").fill("E:\\VMs\\LEGACY-APP");
    await moveStep(pane, "Review").click();
    await expect(pane.getByRole("region", { name: "Summary" })).toContainText("files to E:\\VMs\\LEGACY-APP");
    await expect(pane.getByRole("region", { name: "View PowerShell script" })).toContainText(
      "-DestinationStoragePath 'E:\\VMs\\LEGACY-APP'",
    );
    await expect(move).toBeEnabled();
  });
});

test("Move from the VM details starts one migration for a double click and opens its page", async ({
  page,
}) => {
  await (await openVmInventory(page, "cluster1.contoso.com")).getByRole("link", { name: "FS01" }).click();
  await page.getByRole("toolbar", { name: "Virtual machine" }).getByRole("button", { name: "Move" }).click();
  const pane = page.getByRole("dialog", { name: "Move FS01" });
  const fs01 = (await vmByName(page.request, "FS01")).id;
  // With a reused local server, FS01 has moves from earlier runs: count only this test's.
  const before = new Set(await migrationIds(page.request, fs01));
  await moveStep(pane, "Options").click();
  await pane.getByRole("button", { name: "Advanced" }).click();
  // The slowest the pane allows; the request is slowed further below.
  await pane.getByLabel("Simulation speed").fill("1");
  await moveStep(pane, "Review").click();
  const move = pane.getByRole("button", { name: "Move", exact: true });
  await expect(move).toBeEnabled();

  // Records what the pane sends, then runs the move at 0.05x: setup alone lasts about a minute,
  // so the cancel below always lands before the switchover and FS01 stays on HV1 for the others.
  const posts: { key: string | undefined; body: unknown }[] = [];
  await page.route("**/api/migrations", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    const body = request.postDataJSON() as Record<string, unknown>;
    posts.push({ key: request.headers()["idempotency-key"], body });
    await route.continue({ postData: JSON.stringify({ ...body, speed: 0.05 }) });
  });
  const answer = page.waitForResponse(
    (r) => r.url().endsWith("/api/migrations") && r.request().method() === "POST",
  );
  await move.dblclick();
  const started = (await (await answer).json()) as { id: number; status: string };
  const cancel = await page.request.post(`/api/migrations/${started.id}/cancel`);
  expect(cancel.status(), await cancel.text()).toBe(200);
  expect((await cancel.json()) as { status: string; speed: number }).toMatchObject({
    status: "cancelled",
    speed: 0.05,
  });

  await expect(page).toHaveURL(new RegExp(`/migrations/${started.id}$`));
  expect(posts.length).toBeGreaterThanOrEqual(1);
  expect(new Set(posts.map((p) => p.key)).size).toBe(1);
  expect(posts[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
  expect(posts[0]?.body).toEqual({
    vmId: fs01,
    kind: "live",
    destinationHostId: "best",
    startedFrom: "admin-center",
    speed: 1,
  });
  // One move for the double click, and it is the one the pane opened.
  const created = (await migrationIds(page.request, fs01)).filter((id) => !before.has(id));
  expect(created).toEqual([started.id]);
  await page.unroute("**/api/migrations");
});
