import type { APIRequestContext } from "@playwright/test";
import { expectAccessible } from "./axe";
import { estate, expect, startsFrom, test } from "./fixtures";
import { e2eServers } from "./servers";

startsFrom("demo");

// Moves that copy disks, on the page that says what is true at every moment: a shared-nothing move
// copies the disks in their own stage before any memory (the line counts the disk copied, no pass
// has started, a cancel says how much disk was copied), and a storage move copies them with the
// guest's writes mirrored and switches to the new files without a pause. The lab clock is held, so
// each move stands still until a step moves it. APP01 (on HV3, local disks) is this file's VM: the
// first test leaves it on HV3, the second moves its files to E:\VMs\APP01.

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1440, height: 1200 } });

async function clock(request: APIRequestContext, data: Record<string, unknown>) {
  const response = await request.post("/api/lab/clock", { data });
  expect(response.status(), await response.text()).toBe(200);
}

/** Starts a move of APP01 through the API; returns its id. */
async function move(
  request: APIRequestContext,
  { to, ...rest }: { to: string; kind: string; startedFrom?: string; storagePath?: string },
): Promise<number> {
  const ids = await estate(request);
  const response = await request.post("/api/migrations", {
    data: {
      vmId: ids.vm("APP01"),
      destinationHostId: ids.host(to),
      speed: 1,
      startedFrom: "admin-center",
      ...rest,
    },
  });
  expect(response.status(), await response.text()).toBe(202);
  return ((await response.json()) as { id: number }).id;
}

test.beforeEach(async ({ request }) => {
  await clock(request, { mode: "paused" });
});

test.afterAll(async ({ playwright }, testInfo) => {
  const server = e2eServers[testInfo.parallelIndex % e2eServers.length];
  const api = await playwright.request.newContext({ baseURL: server?.url });
  await api.post("/api/lab/clock", { data: { mode: "running", speed: 1 } });
  await api.dispose();
});

test("shared-nothing: the disks are copied first, the line counts them, and a cancel says how much", async ({
  page,
}) => {
  test.setTimeout(120_000); // axe on a whole migration page, twice
  const id = await move(page.request, { kind: "shared-nothing", to: "HV1", startedFrom: "source-session" });
  await clock(page.request, { advance: "8s" });
  await page.goto(`/migrations/${id}`);
  await expect(page.getByRole("heading", { name: "Move APP01 to HV1", level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("listitem", { name: /^Storage copy: in progress/ })).toBeVisible();
  await expect(
    page.getByText(/^[\d.]+ (GB|MB) of [\d.]+ GB of disk copied · .+ · about .+ left$/),
  ).toBeVisible();
  // No pre-copy pass has started while the disks go first: not "0 of 10".
  await expect(page.getByRole("region", { name: "Pass count" })).toContainText("None yet");
  // No memory has gone yet while the disks stream: the tile says so, not "Data sent: 0 bytes".
  await expect(
    page.getByRole("region", { name: "Memory sent" }).getByText("0 bytes", { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Memory sent" })).toContainText(/Disks: [\d.]+ (GB|MB) of/);
  // The link's share counts the wire (framing and mirrored writes), above the copy's own rate.
  await expect(
    page.getByText(
      "Rates on the wire, as the network carries them (framing included, with the guest's mirrored writes",
    ),
  ).toBeVisible();
  await expectAccessible(page, "a shared-nothing move in its storage copy");

  await page.getByRole("button", { name: "Cancel move" }).click();
  await page
    .getByRole("dialog", { name: "Cancel the move?" })
    .getByRole("button", { name: "Yes, cancel the move" })
    .click();
  await expect(
    page.getByText("The move was cancelled and rolled back: APP01 keeps running on HV3."),
  ).toBeVisible();
  await expect(
    page.getByText(
      /^Cancelled during the storage copy after [\d.]+ (GB|MB) of [\d.]+ GB of disk copied \(MigrationState 4\)$/,
    ),
  ).toBeVisible();
});

test("storage move: the copy with writes mirrored, never a pause, then the switch to the new files", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = await move(page.request, { kind: "storage", to: "HV3", storagePath: "E:\\VMs\\APP01" });
  await clock(page.request, { advance: "8s" });
  await page.goto(`/migrations/${id}`);
  await expect(page.getByRole("heading", { name: "Move the storage of APP01", level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/^[\d.]+ (GB|MB) of [\d.]+ GB of disk copied · /)).toBeVisible();
  await expect(page.getByRole("region", { name: "Blackout" })).toContainText(
    "A storage migration never pauses the VM",
  );
  await expect(page.getByRole("region", { name: "Disk copy" })).toContainText(/\d+%/);
  await expect(page.getByRole("region", { name: "Pass count" })).toHaveCount(0);
  const chart = page.getByRole("figure", {
    name: "Disk bytes copied and writes mirrored over simulated time",
  });
  await chart.getByText(/^Show the \d+ samples as a table$/).click();
  await expect(chart.getByRole("table", { name: "Storage copy samples" })).toBeVisible();
  // Within one host the copy crosses only its disks: no network framing to speak of.
  await expect(
    page.getByText("Rates through the disks: the copy and the guest's mirrored writes."),
  ).toBeVisible();
  await expectAccessible(page, "a storage move in its copy");

  await clock(page.request, { advanceTo: "end", migrationId: id });
  await expect(page.getByText(/^The storage of APP01 was moved: .* It was never paused\.$/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Outcome" })).toContainText("Switched to the new files");
  await expect(page.getByRole("region", { name: "Disk copy" })).toContainText("Copied");
  await expect(
    page.getByText("A storage migration moves no memory: there is no pre-copy pass and no blackout."),
  ).toBeVisible();
});
