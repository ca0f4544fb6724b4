import type { APIRequestContext, Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { expect, startMove, startsFrom, test } from "./fixtures";

startsFrom("demo");

// Two moves out of HV1 at different speeds share its live-migration NICs: the lab runs every move
// on one timeline, at the highest speed a running move asked, and each page says which rate it
// runs at, what share of the link it gets and when the other move joined or left. The lab clock
// is held and stepped, so every check waits for what an advance stored, never for time to pass.
// ANALYTICS01 and WEB01 are this file's VMs.

async function clock(request: APIRequestContext, body: unknown) {
  const response = await request.post("/api/lab/clock", { data: body });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { reached?: boolean };
}

/** The Link share card of a migration page. */
const share = (page: Page) => page.getByRole("region", { name: "Link share" });

test("two moves from HV1 at 1x and 20x share its NICs, and each page shows its share", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  await clock(request, { mode: "paused" });
  // ANALYTICS01 (64 GB) at 1x: 4 simulated seconds take it past setup (3.4 s) into pass 1 alone.
  const slow = await startMove(request, { vm: "ANALYTICS01", to: "HV2", speed: 1 });
  await clock(request, { advance: "4s" });

  await page.goto(`/migrations/${slow}`);
  await expect(page.getByRole("heading", { name: "Move ANALYTICS01 to HV2", level: 1 })).toBeVisible();
  const slowLinks = share(page).getByRole("list", { name: "Links now" });

  await test.step("alone on HV1's NICs, at the 1x it asked", async () => {
    await expect(page.getByText("1x speed", { exact: true })).toBeVisible();
    await expect(slowLinks.getByRole("listitem").first()).toContainText(
      "HV1's outgoing live-migration network (25 Gbps): this move 25 Gbps, alone on it",
    );
  });

  // WEB01 at 20x: the timeline now runs at 20x for both; 0.2 s of lab time is 4 simulated seconds,
  // enough for WEB01's setup, so it joins HV1's NICs beside ANALYTICS01.
  const fast = await startMove(request, { vm: "WEB01", to: "HV2", speed: 20 });
  await clock(request, { advance: "200ms" });

  await test.step("ANALYTICS01's page: runs at 20x because of WEB01's move, and shares the link", async () => {
    await expect(
      page.getByText(`Runs at 20x (asked 1x; move ${fast} asked 20x)`, { exact: true }),
    ).toBeVisible();
    await expect(slowLinks.getByRole("listitem").first()).toContainText(
      `HV1's outgoing live-migration network (25 Gbps): this move 12.5 Gbps, shared max-min with move ${fast} (12.5 Gbps)`,
    );
    await expect(slowLinks.getByRole("listitem").nth(1)).toContainText(
      `HV2's incoming live-migration network (25 Gbps): this move 12.5 Gbps, shared max-min with move ${fast}`,
    );
    await expect(share(page).getByRole("list", { name: "Link changes" }).getByRole("listitem")).toHaveText([
      /^\+[\d.]+ s started sending: this move 25 Gbps$/,
      new RegExp(`^\\+[\\d.]+ s move ${fast} joined: this move 12.5 Gbps$`),
    ]);
    await expect(
      share(page).getByRole("figure", { name: "This move's share of its links over simulated time" }),
    ).toBeVisible();
    await expectAccessible(page, "the Link share card", { include: '[aria-label="Link share"]' });
  });

  await test.step("WEB01's page: runs at the 20x it asked, and shares the link with ANALYTICS01's move", async () => {
    const other = await browser.newPage({ baseURL: new URL(page.url()).origin });
    await other.goto(`/migrations/${fast}`);
    await expect(other.getByRole("heading", { name: "Move WEB01 to HV2", level: 1 })).toBeVisible();
    await expect(other.getByText("20x speed", { exact: true })).toBeVisible();
    await expect(
      share(other).getByRole("list", { name: "Links now" }).getByRole("listitem").first(),
    ).toContainText(`this move 12.5 Gbps, shared max-min with move ${slow} (12.5 Gbps)`);
    await expect(
      share(other)
        .getByRole("link", { name: `move ${slow}` })
        .first(),
    ).toHaveAttribute("href", `/migrations/${slow}`);
    await other.close();
  });

  await test.step("WEB01 ends: ANALYTICS01 has the link to itself again, back at 1x", async () => {
    expect((await clock(request, { advanceTo: "end", migrationId: fast })).reached).toBe(true);
    await expect(
      share(page).getByRole("list", { name: "Link changes" }).getByRole("listitem").last(),
    ).toHaveText(new RegExp(`^\\+[\\d.]+ s move ${fast} left: this move 25 Gbps$`));
    await expect(page.getByText("1x speed", { exact: true })).toBeVisible();
    await expect(slowLinks.getByRole("listitem").first()).toContainText("this move 25 Gbps, alone on it");
  });

  // Leave ANALYTICS01 on HV1 and the clock running.
  const cancelled = await request.post(`/api/migrations/${slow}/cancel`);
  expect(cancelled.status(), await cancelled.text()).toBe(200);
  await test.step("once ended, the page speaks of its last share in the past", async () => {
    await expect(page.getByText("Cancelled", { exact: true }).first()).toBeVisible();
    await expect(share(page).getByRole("list", { name: "Links now" })).toHaveCount(0);
    await expect(
      share(page).getByRole("list", { name: "Links when it last sent" }).getByRole("listitem").first(),
    ).toContainText("this move had 25 Gbps, alone on it");
  });
  await clock(request, { mode: "running", speed: 1 });
});
