import type { APIRequestContext } from "@playwright/test";
import { expect, postMove, startsFrom, test } from "./fixtures";
import { e2eServers } from "./servers";

startsFrom("demo");

// What the migration page says at the moments an operator acts on a move: a throttle re-predicts
// the tiles, a cancel mid-pass leaves one final banner and the pass it cut short, and a destination
// that runs out of memory fails the move in setup. The lab clock is held, so each move stands still
// until a step moves it (docs/testing.md), and every test leaves its VM where it found it.

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1440, height: 1200 } });

async function clock(request: APIRequestContext, data: Record<string, unknown>) {
  const response = await request.post("/api/lab/clock", { data });
  expect(response.status(), await response.text()).toBe(200);
}

test.beforeEach(async ({ request }) => {
  await clock(request, { mode: "paused" });
});

test.afterAll(async ({ playwright }, testInfo) => {
  // Let the clock run free again for whatever this worker does next.
  const server = e2eServers[testInfo.parallelIndex % e2eServers.length];
  const api = await playwright.request.newContext({ baseURL: server?.url });
  await api.post("/api/lab/clock", { data: { mode: "running", speed: 1 } });
  await api.dispose();
});

test("throttle the link: the prediction tiles are predicted again from that moment, and say so", async ({
  page,
}) => {
  const { id } = await postMove(page.request, { vm: "WEB01", to: "HV2" });
  await clock(page.request, { advance: "4s" });
  await page.goto(`/migrations/${id}`);
  await expect(page.getByRole("heading", { name: "Move WEB01 to HV2", level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  const total = page.getByRole("region", { name: "Total time" });
  await expect(total).toContainText("Predicted");
  await expect(page.getByRole("region", { name: "Convergence (predicted)" })).toBeVisible();
  const before = (await total.textContent()) ?? "";

  await page.getByRole("button", { name: "Throttle the link" }).click();
  const form = page.getByRole("form", { name: "Throttle the link" });
  await form.getByLabel("Link speed (Mbit/s)").fill("100");
  await form.getByRole("button", { name: "Throttle" }).click();

  await expect(page.getByRole("note")).toContainText(/^Re-predicted after the link was throttled at 4\.00 s/);
  await expect(page.getByRole("region", { name: "Convergence (re-predicted)" })).toBeVisible();
  await expect(total).not.toHaveText(before);
  // The fault list and the note name the same instant.
  await expect(page.getByRole("list", { name: "Injected faults" })).toContainText(
    "Link throttled at +4.00 s",
  );

  await page.request.post(`/api/migrations/${id}/cancel`);
  await expect(
    page.getByText("The move was cancelled and rolled back: WEB01 keeps running on HV1."),
  ).toBeVisible();
});

test("cancel mid-pass: the final banner alone, and the pass it cut short stays on the chart", async ({
  page,
}) => {
  const { id } = await postMove(page.request, { vm: "SQL01", to: "HV2" });
  await clock(page.request, { advanceTo: "next-pass", migrationId: id });
  await clock(page.request, { advance: "100ms" });
  await page.goto(`/migrations/${id}`);
  await expect(page.getByRole("heading", { name: "Move SQL01 to HV2", level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("region", { name: "Pass count" })).toContainText(/Pass \d+ in progress/);
  await expect(page.getByText(/ · Pass \d+ in progress · about .+ left$/)).toBeVisible();

  await page.getByRole("button", { name: "Cancel move" }).click();
  await page
    .getByRole("dialog", { name: "Cancel the move?" })
    .getByRole("button", { name: "Yes, cancel the move" })
    .click();

  await expect(
    page.getByText("The move was cancelled and rolled back: SQL01 keeps running on HV1."),
  ).toBeVisible();
  // No stale "Cancelling ... rolling back" above it.
  await expect(page.getByText(/rolling back\.$/)).toHaveCount(0);
  await expect(
    page.getByText(/^Cancelled during pass \d+ after [\d.]+ (GB|MB) sent \(MigrationState 4\)$/),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Pass count" })).toContainText(
    /Cancelled during pass \d+ after/,
  );
  const chart = page.getByRole("figure", { name: "Bytes sent and dirtied per pre-copy pass" });
  await expect(chart.getByText("Cut short by the cancel")).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Pre-copy passes" }).getByRole("rowheader", { name: "1", exact: true }),
  ).toBeVisible();
  await expect(page.getByText("No pre-copy pass has finished yet.")).toHaveCount(0);
});

test("run the destination out of memory in setup: the move fails, FS01 stays put, Hyper-V's texts", async ({
  page,
}) => {
  const { id } = await postMove(page.request, { vm: "FS01", to: "HV2" });
  await page.goto(`/migrations/${id}`);
  await expect(page.getByRole("heading", { name: "Move FS01 to HV2", level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/^Setup, the first 5 % of the bar: no memory sent yet/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Pass count" })).toContainText("None yet");

  await page.getByRole("button", { name: "Run the destination out of memory" }).click();
  await expect(page.getByText("HV2 is short of memory for FS01.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Injected faults" })).toContainText(
    "Destination out of memory at +0.00 s: The destination is short of memory: setup will fail when it reserves the VM's memory.",
  );

  await clock(page.request, { advance: "5s" });
  await expect(page.getByRole("listitem", { name: "Setup: failed (MigrationState 5)" })).toBeVisible();
  await expect(page.getByText("The move failed. FS01 keeps running on HV1.")).toBeVisible();
  await expect(
    page.getByText(/could not initialize memory: Ran out of memory \(0x8007000E\)\.$/).first(),
  ).toBeVisible();
  await expect(page.getByText("HV2 is short of memory for FS01.")).toHaveCount(0);
  await expect(
    page.getByText("Failed during setup before any memory was sent (MigrationState 5)"),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: "Migration events" })).toContainText("21502");
  await expect(page.getByRole("button", { name: "Run the destination out of memory" })).toBeDisabled();
});
