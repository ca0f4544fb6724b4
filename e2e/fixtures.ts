// What the journeys share: the worker's own server, the steps an operator repeats (open a VM
// inventory, Manage > Move, wait for a move to end) and look-ups in the seeded estate. Specs import
// `test` and `expect` from here, not from @playwright/test. Roles and labels only, as a screen
// reader would find things.
import { type APIRequestContext, test as base, expect, type Locator, type Page } from "@playwright/test";
import { e2eServers } from "./servers";

export { expect };

export const test = base.extend({
  // Each parallel worker has its own server and database (e2e/servers.ts).
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures
  baseURL: async ({}, use, testInfo) => {
    const server = e2eServers[testInfo.parallelIndex % e2eServers.length];
    if (!server) throw new Error("no e2e server configured");
    await use(server.url);
  },
  // Every journey fails on a Content-Security-Policy violation the page reports.
  context: async ({ context }, use) => {
    const violations: string[] = [];
    context.on("console", (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
        violations.push(message.text());
    });
    context.on("weberror", (error) => {
      if (/Content Security Policy/i.test(String(error.error()))) violations.push(String(error.error()));
    });
    await use(context);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});

/**
 * The spec file starts from a scenario (the control API's reset), so a retry in a fresh worker
 * never meets VMs the first try moved, and a held clock from an earlier file runs free again.
 * With { clock: "paused" } the file holds the lab clock from the start and steps it (labClock).
 */
export function startsFrom(
  scenario:
    | "demo"
    | "empty"
    | "bare-domain"
    | "non-convergence"
    | "limits"
    | "auth-failures"
    | "host-settings"
    | "drain"
    | "drain-200",
  { clock = "running" }: { clock?: "running" | "paused" } = {},
) {
  test.beforeAll(async ({ playwright }, testInfo) => {
    const server = e2eServers[testInfo.parallelIndex % e2eServers.length];
    const api = await playwright.request.newContext({ baseURL: server?.url });
    const response = await api.post("/api/lab/reset", { data: { scenario, clock } });
    expect(response.status(), await response.text()).toBe(200);
    await api.dispose();
  });
}

// ---- the shell ----

/** The Tools pane of a server or cluster (Overview, Virtual machines, Events, ...). */
export const tools = (page: Page): Locator => page.getByRole("navigation", { name: "Tools" });

/** The toolbar above a VM inventory grid. */
export const vmActions = (page: Page): Locator =>
  page.getByRole("toolbar", { name: "Virtual machine actions" });

/** Screenshot for training material, at the page's viewport: test-results/FOLDER/NAME.png. */
export const shot = (page: Page, folder: string, name: string) =>
  page.screenshot({ path: `test-results/${folder}/${name}.png`, fullPage: false });

/** Switches the theme for a screenshot, as Settings > Dark would without storing it. */
export async function theme(page: Page, value: "light" | "dark") {
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t;
  }, value);
}

/** From the start page to a connection (server or cluster FQDN), as an operator clicks it. */
export async function openConnection(page: Page, connection: string) {
  await page.goto("/");
  await page.getByRole("table", { name: "Connections" }).getByRole("link", { name: connection }).click();
}

/** From the start page to a connection's VM inventory; returns the grid. */
export async function openVmInventory(page: Page, connection: string): Promise<Locator> {
  await openConnection(page, connection);
  await tools(page).getByRole("link", { name: "Virtual machines" }).click();
  return page.getByRole("table", { name: "Virtual machines" });
}

/** The inventory row of one VM (its name as a whole word: WEB01 is not WEB012). */
export const vmRow = (grid: Locator, vm: string): Locator =>
  grid.getByRole("row", { name: new RegExp(`\\b${vm}\\b`) });

/** In an open VM inventory: select one VM, then Manage > Move; returns the Move pane. */
export async function manageMove(page: Page, grid: Locator, vm: string): Promise<Locator> {
  await grid.getByRole("checkbox", { name: `Select ${vm}` }).check();
  await vmActions(page).getByRole("button", { name: "Manage" }).click();
  await page.getByRole("menuitem", { name: "Move" }).click();
  const pane = page.getByRole("dialog", { name: `Move ${vm}` });
  await expect(pane).toBeVisible();
  return pane;
}

/** From the start page: a connection's VM inventory, then Manage > Move on one VM. */
export async function openMovePane(page: Page, connection: string, vm: string): Promise<Locator> {
  return manageMove(page, await openVmInventory(page, connection), vm);
}

/** A step of the Move pane in its step list (Kind of move, Destination, Options, Review). */
export const moveStep = (pane: Locator, name: string): Locator =>
  pane.getByRole("navigation", { name: "Move steps" }).getByRole("button", { name });

/** On a migration page: waits until the stepper shows the move completed (Cleanup done). */
export async function expectMoveCompleted(page: Page, timeout = 60_000) {
  await expect(page.getByRole("listitem", { name: /^Cleanup: completed/ })).toBeVisible({ timeout });
}

/**
 * On the Move pane's Review: Move with the lab clock held, then the clock stepped to the move's
 * end; the migration page that opened shows it completed. A shared-nothing move's disk copy takes
 * no wall time this way. The clock stays held (the next spec file's reset lets it run again).
 */
export async function moveToCompletion(page: Page, pane: Locator) {
  await labClock(page.request, { mode: "paused" });
  await pane.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page).toHaveURL(/\/migrations\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split("/").at(-1));
  expect((await labClock(page.request, { advanceTo: "end", migrationId: id })).reached).toBe(true);
  await expectMoveCompleted(page);
}

// ---- a server's Settings tool and a standalone VM's move ----

/** From the start page: a server's Settings tool (Hyper-V Host Settings); returns its form. */
export async function openHostSettings(page: Page, server: string): Promise<Locator> {
  await openConnection(page, `${server.toLowerCase()}.contoso.com`);
  await tools(page).getByRole("link", { name: "Settings" }).click();
  const form = page.getByRole("form", { name: "Hyper-V Host Settings" });
  await expect(form).toBeVisible();
  return form;
}

/**
 * From the start page: Manage > Move of a VM in a server's (FQDN) inventory to `to`, started from
 * `from` (the Options step's label) when given; returns the pane on its Review step.
 */
export async function reviewMove(page: Page, server: string, vm: string, to: string, from?: string) {
  const pane = await manageMove(page, await openVmInventory(page, server), vm);
  await pane.getByRole("button", { name: "Next" }).click();
  await pane.getByRole("table", { name: "Destination hosts" }).getByRole("radio", { name: to }).check();
  await pane.getByRole("button", { name: "Next" }).click();
  if (from) await pane.getByLabel("Start the move from").selectOption({ label: from });
  await moveStep(pane, "Review").click();
  return pane;
}

// ---- the estate, through the API ----

interface Named {
  id: number;
  name: string;
}

export interface VmRecord extends Named {
  state: string;
  host: { name: string };
}

/** One VM by name, as GET /api/vms answers it now (its host and state change as tests run). */
export async function vmByName(request: APIRequestContext, name: string): Promise<VmRecord> {
  const response = await request.get(`/api/vms?q=${encodeURIComponent(name)}`);
  expect(response.status(), await response.text()).toBe(200);
  const vm = ((await response.json()) as { items: VmRecord[] }).items.find((v) => v.name === name);
  if (!vm) throw new Error(`${name} is not in the inventory`);
  return vm;
}

export interface Estate {
  host: (name: string) => number;
  vm: (name: string) => number;
  cluster: (name: string) => number;
}

/** The seed's ids by name (they never change while a server runs). */
export async function estate(request: APIRequestContext): Promise<Estate> {
  const get = async (path: string) => {
    const response = await request.get(path);
    expect(response.status(), await response.text()).toBe(200);
    return ((await response.json()) as { items: Named[] }).items;
  };
  const [hosts, vms, clusters] = await Promise.all([
    get("/api/hosts?limit=1000"),
    get("/api/vms?limit=1000"),
    get("/api/clusters"),
  ]);
  const id = (list: Named[], name: string) => {
    const found = list.find((x) => x.name === name);
    if (!found) throw new Error(`${name} is not in the estate`);
    return found.id;
  };
  return {
    host: (name) => id(hosts, name),
    vm: (name) => id(vms, name),
    cluster: (name) => id(clusters, name),
  };
}

export interface MoveRequest {
  vm: string;
  to: string;
  /** Simulated seconds per wall second; the server's LAB_SPEED when left out. */
  speed?: number;
  kind?: "live" | "shared-nothing" | "storage" | "quick";
  startedFrom?: string;
}

/** POST /api/migrations; returns the answer's body (202: the new move's id and status). */
export async function postMove(
  request: APIRequestContext,
  { vm, to, speed, kind = "live", startedFrom = "admin-center" }: MoveRequest,
): Promise<{ id: number; status: string }> {
  const ids = await estate(request);
  const response = await request.post("/api/migrations", {
    data: { vmId: ids.vm(vm), kind, destinationHostId: ids.host(to), startedFrom, speed },
  });
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()) as { id: number; status: string };
}

/** Starts a move through the API, as another team's script would; returns its id. */
export async function startMove(request: APIRequestContext, move: MoveRequest): Promise<number> {
  return (await postMove(request, move)).id;
}

export interface MigrationDetail {
  id: number;
  status: string;
  lastSeq: number;
}

export async function migration(request: APIRequestContext, id: number): Promise<MigrationDetail> {
  const response = await request.get(`/api/migrations/${id}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as MigrationDetail;
}

/** Waits until the API reports the move in `status` (say, running after a Queued phase). */
export async function waitForMoveStatus(
  request: APIRequestContext,
  id: number,
  status: string,
  timeout = 60_000,
) {
  await expect.poll(async () => (await migration(request, id)).status, { timeout }).toBe(status);
}

const ENDED = ["succeeded", "failed", "cancelled"];

/** Waits until the API reports the move ended (succeeded, failed or cancelled); returns it. */
export async function waitForMoveEnd(
  request: APIRequestContext,
  id: number,
  timeout = 60_000,
): Promise<MigrationDetail> {
  await expect
    .poll(async () => ENDED.includes((await migration(request, id)).status), { timeout })
    .toBe(true);
  return migration(request, id);
}

export type ClockRequest =
  | { mode: "paused" }
  | { mode: "running"; speed?: number }
  | { advance: string | number }
  | { advanceTo: "next-pass" | "switchover" | "end"; migrationId?: number };

/**
 * POST /api/lab/clock (docs/testing.md): hold, run or step the lab clock. An advance answers once
 * that interval's events are stored and published; `reached` says whether an advanceTo got there.
 */
export async function labClock(
  request: APIRequestContext,
  body: ClockRequest,
): Promise<{ reached?: boolean; advancedMs: number }> {
  const response = await request.post("/api/lab/clock", { data: body });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { reached?: boolean; advancedMs: number };
}

/** Ids of the moves of one VM, newest first. */
export async function migrationIds(request: APIRequestContext, vmId: number): Promise<number[]> {
  const response = await request.get(`/api/migrations?vmId=${vmId}&limit=500`);
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { items: Named[] }).items.map((m) => m.id);
}
