import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { estate, expect, manageMove, moveStep, openVmInventory, test } from "./fixtures";

// The screenshot deck for training material (`npm run screenshots`): numbered pictures, light and
// dark, named for what they show, with an index (Markdown and HTML) and a caption each. Every
// picture comes from a held lab clock at LAB_CLOCK_START, fixed seeds, the shipped font, a fixed
// viewport, time zone and locale and no animation, so two runs give the same bytes
// (`npm run screenshots -- --verify` checks it).

const OUT = process.env.SCREENSHOTS_DIR ?? "screenshots";
const THEMES = ["light", "dark"] as const;
const deck: { file: string; caption: string; theme: string; sha256: string }[] = [];

test.use({
  viewport: { width: 1440, height: 900 },
  timezoneId: "UTC",
  locale: "en-US",
  reducedMotion: "reduce",
});
test.describe.configure({ mode: "serial" });

/** Both themes of what the page shows now, as NN-name-light.png and NN-name-dark.png. */
async function picture(page: Page, name: string, caption: string) {
  mkdirSync(OUT, { recursive: true });
  // Nothing focused, nothing hovered, fonts loaded: the same pixels every time.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  // Every chart's code loaded (components/charts/lazy.tsx holds a placeholder until then), measured
  // and drawn: a ResponsiveContainer draws its SVG only after it has a size.
  await page.waitForFunction(
    () =>
      document.querySelector("[data-chart-placeholder]") === null &&
      [...document.querySelectorAll(".recharts-responsive-container")].every(
        // A hidden chart has no size and draws nothing: only the ones on the page count.
        (c) => c.getClientRects().length === 0 || c.querySelector("svg"),
      ),
  );
  for (const theme of THEMES) {
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    const file = `${name}-${theme}.png`;
    const bytes = await page.screenshot({
      path: path.join(OUT, file),
      animations: "disabled",
      caret: "hide",
    });
    deck.push({ file, caption, theme, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  await page.evaluate(() => {
    document.documentElement.dataset.theme = "light";
  });
}

async function reset(request: APIRequestContext, scenario = "demo") {
  const response = await request.post("/api/lab/reset", { data: { scenario, clock: "paused" } });
  expect(response.status(), await response.text()).toBe(200);
}

async function clock(request: APIRequestContext, data: object) {
  const response = await request.post("/api/lab/clock", { data });
  expect(response.status(), await response.text()).toBe(200);
}

async function startMove(request: APIRequestContext, vm: string, to: string): Promise<number> {
  const ids = await estate(request);
  const response = await request.post("/api/migrations", {
    data: {
      vmId: ids.vm(vm),
      kind: "live",
      destinationHostId: ids.host(to),
      startedFrom: "admin-center",
      seed: 7,
      speed: 1,
    },
  });
  expect(response.status(), await response.text()).toBe(202);
  return ((await response.json()) as { id: number }).id;
}

test.afterAll(() => {
  if (deck.length === 0) return;
  const rows = deck.filter((d) => d.theme === "light");
  const markdown = [
    "# Live Migration Lab: the screenshot deck",
    "",
    "Made by `npm run screenshots`: a held lab clock, fixed seeds, 1440x900, UTC, en-US. File names stay the same from run to run.",
    "",
    ...rows.flatMap((d, i) => [
      `## ${i + 1}. ${d.caption}`,
      "",
      `![${d.caption} (light)](${d.file}) ![${d.caption} (dark)](${d.file.replace("-light.png", "-dark.png")})`,
      "",
    ]),
  ].join("\n");
  writeFileSync(path.join(OUT, "index.md"), markdown);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live Migration Lab: the screenshot deck</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:1500px}figure{margin:0 0 2rem}img{width:49%;border:1px solid #ccc}</style></head><body>
<h1>Live Migration Lab: the screenshot deck</h1>
${rows
  .map(
    (d, i) =>
      `<figure><figcaption><h2>${i + 1}. ${d.caption}</h2></figcaption><img src="${d.file}" alt="${d.caption}, light theme"> <img src="${d.file.replace("-light.png", "-dark.png")}" alt="${d.caption}, dark theme"></figure>`,
  )
  .join("\n")}
</body></html>
`;
  writeFileSync(path.join(OUT, "index.html"), html);
  writeFileSync(
    path.join(OUT, "hashes.json"),
    `${JSON.stringify(Object.fromEntries(deck.map((d) => [d.file, d.sha256])), null, 2)}\n`,
  );
});

test("the deck: start page, cluster, inventory and every step of the Move pane", async ({
  page,
  request,
}) => {
  await reset(request);
  await page.goto("/");
  await expect(page.getByRole("table", { name: "Connections" }).getByRole("link").first()).toBeVisible();
  await picture(page, "01-all-connections", "All connections: the domain's servers and clusters");

  await page.goto("/clusters/1");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await picture(page, "02-cluster-dashboard", "CLUSTER1's dashboard: nodes, roles, the CSV and the disks");

  const grid = await openVmInventory(page, "cluster1.contoso.com");
  await expect(grid.getByRole("row", { name: /\bWEB01\b/ })).toBeVisible();
  await picture(page, "03-vm-inventory", "CLUSTER1's virtual machines, as the Inventory tab lists them");

  const pane = await manageMove(page, grid, "WEB01");
  await expect(moveStep(pane, "Kind of move")).toHaveAttribute("aria-current", "step");
  await picture(page, "04-move-kind", "Manage > Move: the kind of move");
  await pane.getByRole("button", { name: "Next" }).click();
  await expect(moveStep(pane, "Destination")).toHaveAttribute("aria-current", "step");
  await expect(pane.getByRole("table", { name: "Destination hosts" })).toBeVisible();
  await picture(page, "05-move-destination", "Manage > Move: the destination, Best possible node or a host");
  await pane.getByRole("button", { name: "Next" }).click();
  await expect(moveStep(pane, "Options")).toHaveAttribute("aria-current", "step");
  await picture(
    page,
    "06-move-options",
    "Manage > Move: options (storage, switches, where the move starts from)",
  );
  await pane.getByRole("button", { name: "Next" }).click();
  await expect(moveStep(pane, "Review")).toHaveAttribute("aria-current", "step");
  await expect(pane.getByText("Predicted data sent per pre-copy pass")).toBeVisible();
  await picture(
    page,
    "07-move-review",
    "Manage > Move: the Compare-VM report, the prediction and the PowerShell",
  );
});

test("the deck: a migration three passes in, then completed", async ({ page, request }) => {
  await reset(request);
  const id = await startMove(request, "ANALYTICS01", "HV2");
  for (let i = 0; i < 3; i++) await clock(request, { advanceTo: "next-pass", migrationId: id });
  await page.goto(`/migrations/${id}`);
  await expect(page.getByRole("table", { name: "Pre-copy passes" }).getByRole("row")).toHaveCount(4);
  await picture(page, "08-migration-three-passes", "A live migration three pre-copy passes in");
  await clock(request, { advanceTo: "end", migrationId: id });
  await expect(page.getByRole("listitem", { name: /^Cleanup: completed/ })).toBeVisible();
  await picture(
    page,
    "09-migration-completed",
    "The same move completed: blackout, data sent and why it ended",
  );
});

test("the deck: a failed move and a cancelled one", async ({ page, request }) => {
  await reset(request);
  const failed = await startMove(request, "SQL01", "HV2");
  await clock(request, { advanceTo: "next-pass", migrationId: failed });
  const cut = await request.post(`/api/migrations/${failed}/faults`, { data: { kind: "link-down" } });
  expect(cut.status(), await cut.text()).toBe(202);
  // The move rolls back when TCP gives up retransmitting, a lab-visible while later.
  await clock(request, { advanceTo: "end", migrationId: failed });
  await page.goto(`/migrations/${failed}`);
  await expect(page.getByText("Failed", { exact: true }).first()).toBeVisible();
  await picture(
    page,
    "10-migration-failed",
    "A move that failed: the cable pulled during pre-copy, with Hyper-V's text",
  );

  const cancelled = await startMove(request, "WEB01", "HV2");
  await clock(request, { advanceTo: "next-pass", migrationId: cancelled });
  const cancel = await request.post(`/api/migrations/${cancelled}/cancel`);
  expect(cancel.status(), await cancel.text()).toBe(200);
  await page.goto(`/migrations/${cancelled}`);
  await expect(page.getByText("Cancelled", { exact: true }).first()).toBeVisible();
  await picture(page, "11-migration-cancelled", "A cancelled move: rolled back, the VM still on its source");
});

test("the deck: the gateway's users", async ({ page, request }) => {
  await reset(request);
  await page.goto("/settings/users");
  await expect(page.getByRole("table", { name: "Users" })).toBeVisible();
  await picture(page, "12-settings-users", "Settings > Users: who may use the lab, with their roles");
});
