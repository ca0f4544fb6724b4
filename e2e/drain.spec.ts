import type { APIRequestContext, Page } from "@playwright/test";
import { expect, openConnection, startsFrom, test, tools, vmByName } from "./fixtures";

// Drain a cluster node from the Servers tool and bring its roles back, as Failover Cluster
// Manager does it: Pause > Drain roles, then Resume > Fail roles back. The suite holds the lab
// clock and steps it, checking through the API after every step that no more moves run at once
// than CLUSTER1's MaximumParallelMigrations.

startsFrom("drain");

const ROLES = ["SQL01", "ANALYTICS01", "WEB01", "FS01", "LEGACY-APP", "ARCHIVE01"];
const LIMIT = 2;

interface DrainJson {
  status: string;
  counts: { queued: number; moving: number; done: number; failed: number };
}

/** Steps the held clock until the drain ends; after each step at most LIMIT moves run. */
async function stepUntilEnded(
  request: APIRequestContext,
  id: number,
): Promise<{ steps: number; most: number }> {
  let most = 0;
  for (let steps = 0; steps < 200; steps++) {
    const running = (await (await request.get("/api/migrations?status=running&limit=100")).json()) as {
      total: number;
    };
    most = Math.max(most, running.total);
    expect(running.total, "moves running at once").toBeLessThanOrEqual(LIMIT);
    const drain = (await (await request.get(`/api/drains/${id}`)).json()) as DrainJson;
    expect(drain.counts.moving).toBeLessThanOrEqual(LIMIT);
    if (drain.status !== "InProgress") return { steps, most };
    const step = await request.post("/api/lab/clock", { data: { advance: "4s" } });
    expect(step.status(), await step.text()).toBe(200);
  }
  throw new Error(`drain ${id} did not end`);
}

async function openServers(page: Page) {
  await openConnection(page, "cluster1.contoso.com");
  await tools(page).getByRole("link", { name: "Servers" }).click();
  const grid = page.getByRole("table", { name: "Servers" });
  await expect(grid.getByRole("row", { name: /\bHV1\b/ })).toBeVisible();
  return grid;
}

test("drain HV1 of a role of every priority: all end on HV2 (Low and No Auto Start quick-migrated), at most two at once, HV1 Paused; resume with fail-back brings them home", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  expect((await request.post("/api/lab/clock", { data: { mode: "paused" } })).status()).toBe(200);

  await test.step("Pause > Drain roles on HV1", async () => {
    const grid = await openServers(page);
    await grid.getByRole("checkbox", { name: "Select HV1" }).check();
    await page
      .getByRole("toolbar", { name: "Server actions" })
      .getByRole("button", { name: "Pause" })
      .click();
    await page.getByRole("menuitem", { name: "Drain roles", exact: true }).click();
    const pane = page.getByRole("dialog", { name: "Drain roles from HV1" });
    await expect(pane.getByText("Suspend-ClusterNode -Name HV1 -Cluster CLUSTER1 -Drain")).toBeVisible();
    await expect(pane.getByLabel("Move roles to")).toHaveValue("");
    await pane.getByRole("button", { name: "Drain roles", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Drain of HV1", level: 1 })).toBeVisible();
  });

  const drainId = Number(new URL(page.url()).pathname.split("/").at(-1));
  const roles = page.getByRole("table", { name: "Roles" });

  await test.step("the drain page lists the roles in priority order, two moving and the rest queued", async () => {
    await expect(roles.getByRole("row")).toHaveCount(ROLES.length + 1);
    for (const [i, name] of ROLES.entries()) {
      await expect(roles.getByRole("row").nth(i + 1)).toContainText(name);
    }
    await expect(roles.getByRole("row", { name: /\bSQL01\b/ })).toContainText("Live migration");
    await expect(roles.getByRole("row", { name: /\bFS01\b/ })).toContainText("Quick migration");
    await expect(roles.getByRole("row", { name: /\bARCHIVE01\b/ })).toContainText("No Auto Start");
    await expect(roles.getByRole("row", { name: /\bARCHIVE01\b/ })).toContainText("Queued");
    await expect(page.getByRole("region", { name: "Moving" })).toContainText("2");
    await expect(page.getByRole("region", { name: "Queued" })).toContainText("4");
  });

  await test.step("the two live migrations share HV1's live-migration network, given in bits as on a move's page", async () => {
    expect((await request.post("/api/lab/clock", { data: { advance: "8s" } })).status()).toBe(200);
    const network = page.getByRole("region", { name: "Live-migration network from HV1" });
    await expect(network.getByRole("meter")).toHaveAccessibleName(/in use/);
    await expect(network).toContainText("25 Gbps of 25 Gbps");
    const shares = network.getByRole("table", { name: "Shares of the live-migration network from HV1" });
    await expect(shares.getByRole("row", { name: /\bSQL01\b/ })).toContainText("12.5 Gbps50%");
    await expect(shares.getByRole("row", { name: /\bANALYTICS01\b/ })).toContainText("12.5 Gbps50%");
  });

  await test.step("step the lab clock to the end: never more than two moves at once", async () => {
    const { most } = await stepUntilEnded(request, drainId);
    expect(most).toBe(LIMIT);
    await expect(
      page.getByRole("status").filter({ hasText: "Drain completed: 6 of 6 roles moved" }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "Done" })).toContainText("6");
  });

  await test.step("every role runs on HV2; the Low and No Auto Start ones were quick-migrated; HV1 is Paused", async () => {
    for (const name of ROLES) {
      const vm = await vmByName(request, name);
      expect(vm.host.name, name).toBe("HV2");
      expect(vm.state, name).toBe("Running");
    }
    const moves = (await (
      await request.get("/api/migrations?limit=100&sort=createdAt&order=asc")
    ).json()) as {
      items: { vmName: string; kind: string; status: string }[];
    };
    expect(moves.items.map((m) => `${m.vmName} ${m.kind} ${m.status}`)).toEqual([
      "SQL01 live succeeded",
      "ANALYTICS01 live succeeded",
      "WEB01 live succeeded",
      "FS01 quick succeeded",
      "LEGACY-APP quick succeeded",
      "ARCHIVE01 quick succeeded",
    ]);
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Servers" }).click();
    const row = page.getByRole("table", { name: "Servers" }).getByRole("row", { name: /\bHV1\b/ });
    await expect(row).toContainText("Paused");
    await expect(row.getByRole("link", { name: "Drain completed" })).toBeVisible();
  });

  await test.step("Resume > Fail roles back: the fail-back returns every role to HV1", async () => {
    await page.getByRole("table", { name: "Servers" }).getByRole("checkbox", { name: "Select HV1" }).check();
    await page
      .getByRole("toolbar", { name: "Server actions" })
      .getByRole("button", { name: "Resume" })
      .click();
    await page.getByRole("menuitem", { name: "Fail roles back", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Fail-back to HV1", level: 1 })).toBeVisible();
    await expect(
      page.getByText("Resume-ClusterNode -Name HV1 -Cluster CLUSTER1 -Failback Immediate"),
    ).toBeVisible();
    const failbackId = Number(new URL(page.url()).pathname.split("/").at(-1));
    await stepUntilEnded(request, failbackId);
    await expect(
      page.getByRole("status").filter({ hasText: "Fail-back completed: 6 of 6 roles moved" }),
    ).toBeVisible();
    for (const name of ROLES) expect((await vmByName(request, name)).host.name, name).toBe("HV1");
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Servers" }).click();
    const row = page.getByRole("table", { name: "Servers" }).getByRole("row", { name: /\bHV1\b/ });
    await expect(row).toContainText("Up");
    await expect(row.getByRole("link")).toHaveCount(1); // the node's name; no drain status after a resume
  });

  expect((await request.post("/api/lab/clock", { data: { mode: "running" } })).status()).toBe(200);
});
