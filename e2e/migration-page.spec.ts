import type { Page } from "@playwright/test";
import {
  estate,
  expect,
  expectMoveCompleted,
  labClock,
  postMove,
  shot as shotIn,
  startMove,
  startsFrom,
  test,
  theme,
  vmRow,
  waitForMoveEnd,
  waitForMoveStatus,
} from "./fixtures";

startsFrom("demo", { clock: "paused" });

// The migration page, the bell and the history page, against moves started through the API.
// WEB01, SQL01 and SQL02 are this file's VMs; the tests run in order, each on the state the ones
// before left (the history at the end lists their moves). The worker's server is its own
// (e2e/fixtures.ts), so no other file's move holds one of CLUSTER1's two migration slots.
// The lab clock is held for the whole file and stepped (docs/testing.md): a move is exactly where
// the test put it, however slow or busy the machine, and no check waits for time to pass. The
// pages follow each step through their event streams as they would follow a running clock.

const shot = (page: Page, name: string) => shotIn(page, "migration", name);

/** The cluster's VM inventory, opened directly; returns the row of one VM. */
async function clusterVmRow(page: Page, vm: string) {
  const ids = await estate(page.request);
  await page.goto(`/clusters/${ids.cluster("CLUSTER1")}/vms`);
  const grid = page.getByRole("table", { name: "Virtual machines" });
  await expect(grid.getByRole("link", { name: vm, exact: true })).toBeVisible();
  return vmRow(grid, vm);
}

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1440, height: 1200 } });

test("a clustered move HV1 -> HV2 live: stages, passes, percent, then the same page from the store", async ({
  page,
}) => {
  // Held in its setup until the page is up; then stepped to the first pass, the switchover and the
  // end, so the bar moves several times while the page watches.
  const id = await startMove(page.request, { vm: "WEB01", to: "HV2", speed: 0.5 });
  const progress = page.getByRole("progressbar", { name: "Migration progress" });
  const passes = page.getByRole("table", { name: "Pre-copy passes" });

  await test.step("the page follows the move live", async () => {
    // Record every value the bar shows from the first render on, to check it never goes backwards.
    await page.addInitScript(() => {
      const seen: number[] = [];
      (window as unknown as { seen: number[] }).seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Migration progress"]');
        const value = bar ? Number(bar.getAttribute("aria-valuenow")) : null;
        if (value !== null && value !== seen.at(-1)) seen.push(value);
      }).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["aria-valuenow"],
      });
    });
    await page.goto(`/migrations/${id}`);
    await expect(page.getByRole("heading", { name: "Move WEB01 to HV2", level: 1 })).toBeVisible();
    await expect(progress).toBeAttached();
    await expect(page.getByRole("listitem", { name: /^Setup: in progress/ })).toBeVisible();
    // The first pre-copy pass arrives.
    expect((await labClock(page.request, { advanceTo: "next-pass", migrationId: id })).reached).toBe(true);
    await expect(page.getByText(/^Live Migrating, \d+% completed$/)).toBeVisible();
    await expect(passes.getByRole("rowheader", { name: "1", exact: true })).toBeVisible();
  });

  await test.step("the stepper reaches Cleanup and the move completes", async () => {
    expect((await labClock(page.request, { advanceTo: "switchover", migrationId: id })).reached).toBe(true);
    await expect(page.getByRole("listitem", { name: /^Memory transfer: completed/ })).toBeVisible();
    expect((await labClock(page.request, { advanceTo: "end", migrationId: id })).reached).toBe(true);
    await expect(
      page.getByRole("listitem", { name: /^Cleanup: completed \(MigrationState 3\)$/ }),
    ).toBeVisible();
    for (const stage of ["Setup", "Memory transfer", "State transfer"]) {
      await expect(page.getByRole("listitem", { name: new RegExp(`^${stage}: completed`) })).toBeVisible();
    }
    await expect(page.getByText("WEB01 now runs on HV2")).toBeVisible();
    await expect(progress).toHaveAttribute("aria-valuenow", "100");
    await expect(page.getByRole("button", { name: "Cancel move" })).toBeDisabled();
    await expect(page.getByRole("table", { name: "Migration events" })).toContainText("20415");
    const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
    // Distinct values: the bar moved at least twice while the page watched, and ended at 100.
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await shot(page, "finished-light");
    await theme(page, "dark");
    await shot(page, "finished-dark");
    await theme(page, "light");
  });

  await test.step("reloaded, the finished move renders from the store without a stream", async () => {
    const rows = await passes.getByRole("row").count();
    const streams: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes(`/api/migrations/${id}/events`)) streams.push(r.url());
    });
    await page.reload();
    await expectMoveCompleted(page);
    await expect(passes.getByRole("row")).toHaveCount(rows);
    await expect(page.getByText(/^Finished /)).toBeVisible();
    expect(streams).toEqual([]);
  });

  await test.step("the inventory's Host server column shows HV2", async () => {
    const row = await clusterVmRow(page, "WEB01");
    await expect(row.getByRole("cell", { name: "HV2", exact: true })).toBeVisible();
  });
});

test("the inventory shows the new host the moment the move completes, with no reload", async ({ page }) => {
  const row = await clusterVmRow(page, "SQL02");
  await expect(row.getByRole("cell", { name: "HV2", exact: true })).toBeVisible();
  const id = await startMove(page.request, { vm: "SQL02", to: "HV1", speed: 1.5 });
  // The bell counts running and queued moves; the held clock keeps this one running meanwhile.
  await expect(
    page.getByRole("button", { name: /^Notifications, \d+ (running|queued) moves?(, \d+ queued moves?)?$/ }),
  ).toBeVisible();
  await expect(row.getByRole("cell", { name: "HV2", exact: true })).toBeVisible();
  expect((await labClock(page.request, { advanceTo: "end", migrationId: id })).reached).toBe(true);
  await expect(row.getByRole("cell", { name: "HV1", exact: true })).toBeVisible();
});

test("cancel mid-transfer: rolled back, and the VM still runs on HV1", async ({ page }) => {
  // SQL01 must stay on HV1 for the tests after this one: the link is throttled to 100 Mbit/s in
  // the move's setup, which holds it in pass 1 for hours, and the clock only goes past the setup.
  const id = await startMove(page.request, { vm: "SQL01", to: "HV2", speed: 1 });
  await waitForMoveStatus(page.request, id, "running");
  const throttle = await page.request.post(`/api/migrations/${id}/faults`, {
    data: { kind: "slow-link", mbps: 100 },
  });
  expect(throttle.status(), await throttle.text()).toBe(202);
  // 4 simulated seconds at 1x: past the setup (3.4 s) into pass 1.
  await labClock(page.request, { advance: "4s" });

  await test.step("the move reaches the memory transfer", async () => {
    await page.goto(`/migrations/${id}`);
    await expect(
      page.getByRole("listitem", { name: /^Memory transfer: in progress \(MigrationState 2\)$/ }),
    ).toBeVisible();
    await expect(page.getByText(/^Live Migrating, \d+% completed$/)).toBeVisible();
  });

  await test.step("the bell lists the move with its progress and links to it", async () => {
    await page.getByRole("button", { name: /^Notifications/ }).click();
    const flyout = page.getByRole("region", { name: "Notifications" });
    const item = flyout.getByRole("link", { name: /Move SQL01 to HV2/ });
    await expect(item).toContainText(/Live Migrating, \d+% completed/);
    await expect(item).toHaveAttribute("href", `/migrations/${id}`);
    await expect(flyout.getByRole("link", { name: "View all migrations" })).toBeVisible();
    await shot(page, "bell-light");
    await page.keyboard.press("Escape");
    await expect(flyout).toHaveCount(0);
  });

  await test.step("Cancel move asks first, then rolls back", async () => {
    await page.getByRole("button", { name: "Cancel move" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel the move?" });
    await expect(dialog).toContainText("SQL01 keeps running on HV1");
    await dialog.getByRole("button", { name: "Yes, cancel the move" }).click();
    await expect(page.getByRole("listitem", { name: /: cancelled \(MigrationState 4\)$/ })).toBeVisible({
      timeout: 30_000,
    });
    await expect(
      page.getByText("The move was cancelled and rolled back: SQL01 keeps running on HV1."),
    ).toBeVisible();
    await expect(
      page.getByText(/^Cancelled during pass 1 after [\d.]+ (GB|MB) sent \(MigrationState 4\)$/),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel move" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Pull the cable" })).toBeDisabled();
  });

  await test.step("the inventory still has SQL01 on HV1", async () => {
    const row = await clusterVmRow(page, "SQL01");
    await expect(row.getByRole("cell", { name: "HV1", exact: true })).toBeVisible();
  });
});

test("the lessons: throttle the link, then pull the cable mid-transfer", async ({ page }) => {
  const id = await startMove(page.request, { vm: "SQL01", to: "HV2", speed: 0.5 });
  // 8 lab seconds at half speed are 4 simulated: past the setup (3.4 s) into pass 1.
  await labClock(page.request, { advance: "8s" });
  await page.goto(`/migrations/${id}`);
  await expect(page.getByRole("listitem", { name: /^Memory transfer: in progress/ })).toBeVisible();
  const log = page.getByRole("table", { name: "Migration events" });

  // First thing in the memory transfer: at 1,000 Mbit/s pass 1 then lasts many simulated minutes,
  // so the screenshots and the cable pull below land in it.
  await test.step("Throttle the link takes a line rate in Mbit/s", async () => {
    await page.getByRole("button", { name: "Throttle the link" }).click();
    const form = page.getByRole("form", { name: "Throttle the link" });
    await form.getByLabel("Link speed (Mbit/s)").fill("0");
    await expect(form.getByRole("button", { name: "Throttle" })).toBeDisabled();
    await form.getByLabel("Link speed (Mbit/s)").fill("1000");
    await form.getByRole("button", { name: "Throttle" }).click();
    await expect(page.getByText("The live-migration link now runs at 1,000 Mbit/s.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Injected faults" }).getByRole("listitem")).toHaveText([
      /^Link throttled at \+/,
    ]);
    await labClock(page.request, { advance: "2s" });
    await expect(page.getByText(/^[\d.]+ GB sent · /)).toBeVisible();
    await shot(page, "running-light");
    await theme(page, "dark");
    await shot(page, "running-dark");
    await theme(page, "light");
  });

  await test.step("Pull the cable: nothing moves until TCP gives up, then the move fails and rolls back", async () => {
    await page.getByRole("button", { name: "Pull the cable" }).click();
    await expect(page.getByRole("list", { name: "Injected faults" })).toContainText(
      "the migration rolls back when TCP gives up retransmitting, 18.9 s later (0x8007274C)",
    );
    // A simulated second later nothing has moved, and the line counts down to TCP's timeout.
    await labClock(page.request, { advance: "2s" });
    await expect(page.getByText(/ · the connection times out in [\d.]+ s$/)).toBeVisible();
    await expect(page.getByRole("listitem", { name: /^Memory transfer: in progress/ })).toBeVisible();
    // 18.9 simulated seconds on: the move fails.
    expect((await labClock(page.request, { advanceTo: "end", migrationId: id })).reached).toBe(true);
    await expect(
      page.getByRole("listitem", { name: /^Memory transfer: failed \(MigrationState 5\)$/ }),
    ).toBeVisible();
    await expect(page.getByText("The move failed. SQL01 keeps running on HV1.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Injected faults" }).getByRole("listitem")).toHaveText([
      /^Link throttled/,
      /^Cable pulled at \+/,
    ]);
    await expect(log).toContainText("0x8007274C");
    // Hyper-V's text ends with Hyper-V's code; the lab's own failure code is not added to it.
    await expect(page.getByText(/has failed to respond\. \(0x8007274C\)$/).first()).toBeVisible();
    await expect(page.getByText("(link-down)")).toHaveCount(0);
    await shot(page, "cable-pulled-light");
    await expect(page.getByRole("button", { name: "Pull the cable" })).toBeDisabled();
  });
});

test("over the migration limit, a cluster move started from PowerShell queues as Failover Cluster Manager's do", async ({
  page,
}) => {
  await page.goto("/migrations");
  await expect(page.getByRole("heading", { name: "Migrations", level: 1 })).toBeVisible();
  // Two slow moves fill CLUSTER1's MaximumParallelMigrations (2). The script the lab shows for a
  // clustered VM is Move-ClusterVirtualMachineRole, which goes through the Cluster service: it waits.
  const busy = [
    await startMove(page.request, { vm: "SQL01", to: "HV2", speed: 0.2 }),
    await startMove(page.request, { vm: "SQL02", to: "HV2", speed: 0.2 }),
  ];
  let queued: number | undefined;
  try {
    const ps = await postMove(page.request, { vm: "WEB01", to: "HV1", startedFrom: "powershell" });
    queued = ps.id;
    expect(ps.status).toBe("queued");

    await test.step("the bell counts the queued move, and no 21501 is logged", async () => {
      const bell = page.getByRole("button", {
        name: /^Notifications, \d+ running moves?, 1 queued move, \d+ in all$/,
      });
      await expect(bell).toBeVisible();
      await bell.click();
      const events = page.getByRole("region", { name: "Notifications" }).getByRole("list", {
        name: "Recent events",
      });
      await expect(events.getByRole("listitem").filter({ hasText: "Event 21501" })).toHaveCount(0);
      await page.keyboard.press("Escape");
    });

    await page.goto(`/migrations/${ps.id}`);
    await expect(page.getByRole("heading", { name: "Move WEB01 to HV1", level: 1 })).toBeVisible();
    await expect(page.getByText("Queued (position 1)")).toBeVisible();
    await expect(page.getByText("Started from PowerShell")).toBeVisible();
    await expect(page.getByText(/was reached, please wait/)).toHaveCount(0);
    await theme(page, "dark");
    await shot(page, "powershell-queued-dark");
  } finally {
    // Leave SQL01 on HV1, WEB01 where it is and CLUSTER1's slots free for the tests after this one.
    const ids = [...(queued === undefined ? [] : [queued]), ...busy];
    for (const id of ids) await page.request.post(`/api/migrations/${id}/cancel`);
    // The rollbacks run on the held clock: step it until every move has ended.
    await labClock(page.request, { advanceTo: "end" });
    for (const id of ids) await waitForMoveEnd(page.request, id);
  }
});

test("the history page lists the moves, filters by status and links to each", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Migrations" }).click();
  await expect(page.getByRole("heading", { name: "Migrations", level: 1 })).toBeVisible();
  const grid = page.getByRole("table", { name: "Migrations" });
  const web01 = grid.getByRole("row", { name: /^WEB01 Live migration HV1 HV2 Completed/ });
  // SQL01 was cancelled more than once by now: the newest such row is enough.
  const sql01 = grid.getByRole("row", { name: /^SQL01 Live migration HV1 HV2 Cancelled/ }).first();
  await expect(web01).toBeVisible();
  await expect(sql01).toBeVisible();
  await shot(page, "history-light");

  await page.getByLabel("Status").selectOption("cancelled");
  await expect(sql01).toBeVisible();
  await expect(web01).toHaveCount(0);

  await sql01.getByRole("link", { name: "SQL01" }).click();
  await expect(page.getByRole("heading", { name: "Move SQL01 to HV2", level: 1 })).toBeVisible();
  await expect(page.getByRole("listitem", { name: /: cancelled \(MigrationState 4\)$/ })).toBeVisible();
});

test("an unknown migration is the not-found page", async ({ page }) => {
  await page.goto("/migrations/999999");
  await expect(page.getByRole("heading", { name: "Migration not found" })).toBeVisible();
});
