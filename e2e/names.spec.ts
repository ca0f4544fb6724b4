import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { estate, expect, manageMove, moveStep, openVmInventory, startsFrom, test } from "./fixtures";

startsFrom("demo");

// The names docs/testing.md promises other teams' suites, checked against the running lab: the
// table there is read row by row, so a rename that skips the guide fails here.

type Role = Parameters<Page["getByRole"]>[0];
interface Name {
  where: string;
  role: Role;
  name: string;
}

function promisedNames(): Name[] {
  const guide = readFileSync(fileURLToPath(new URL("../docs/testing.md", import.meta.url)), "utf8");
  const section = guide.slice(
    guide.indexOf("## Names a suite can rely on"),
    guide.indexOf("**A VM that is scrolled away.**"),
  );
  return section
    .split("\n")
    .filter((line) => /^\|[^-]/.test(line) && !line.startsWith("| where"))
    .map((line) => {
      const [where = "", role = "", name = ""] = line
        .split("|")
        .slice(1, 4)
        .map((c) => c.trim().replace(/`/g, ""));
      return { where, role: role as Role, name };
    });
}

test.describe.configure({ mode: "serial" });

test("a suite finds a VM by the search box and reads a named cell of its row", async ({ page }) => {
  const grid = await openVmInventory(page, "cluster1.contoso.com");
  await page.getByRole("searchbox", { name: "Search virtual machines" }).fill("WEB01");
  await expect(grid.getByRole("columnheader", { name: "Host server" })).toBeVisible(); // loaded
  const headers = await grid.getByRole("columnheader").allInnerTexts();
  const column = headers.findIndex((h) => h.trim() === "Host server");
  expect(column).toBeGreaterThan(0);
  const row = grid.getByRole("row", { name: /\bWEB01\b/ });
  await expect(row.getByRole("cell").nth(column)).toHaveText("HV1");
});

test("every name docs/testing.md promises is on its page", async ({ page, request }) => {
  // Some thirty names on six pages and a move to its page: about 25 s on a busy 2-core machine.
  test.setTimeout(90_000);
  const names = promisedNames();
  expect(names.length).toBeGreaterThan(20);
  const expectNames = async (where: string) => {
    const rows = names.filter((n) => n.where === where);
    expect(rows.length, `no names listed for ${where}`).toBeGreaterThan(0);
    for (const n of rows) {
      await expect(
        page.getByRole(n.role, { name: n.name, exact: true }).first(),
        `${where}: ${n.role} "${n.name}"`,
      ).toBeVisible();
    }
  };
  for (const where of [
    "/",
    "/clusters/1",
    "/clusters/1/vms",
    "/migrations",
    "/settings/users",
    "/settings/audit",
  ]) {
    await page.goto(where);
    await expectNames(where);
  }
  await page.goto("/");
  await expectNames("every page");

  await test.step("the Move pane and its Options step", async () => {
    const grid = await openVmInventory(page, "cluster1.contoso.com");
    const pane = await manageMove(page, grid, "WEB01");
    await expectNames("the Move pane");
    await pane.getByRole("button", { name: "Next" }).click();
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(moveStep(pane, "Options")).toHaveAttribute("aria-current", "step");
    await expectNames("the Move pane, Options");
    await page.keyboard.press("Escape");
  });

  await test.step("a migration page", async () => {
    const ids = await estate(request);
    await request.post("/api/lab/clock", { data: { mode: "paused" } });
    const started = await request.post("/api/migrations", {
      data: {
        vmId: ids.vm("WEB01"),
        kind: "live",
        destinationHostId: ids.host("HV2"),
        startedFrom: "admin-center",
      },
    });
    expect(started.status(), await started.text()).toBe(202);
    const { id } = (await started.json()) as { id: number };
    // One pass in, so the pass table exists too.
    await request.post("/api/lab/clock", { data: { advanceTo: "next-pass", migrationId: id } });
    await page.goto(`/migrations/${id}`);
    await expectNames("a migration page");
    await request.post("/api/lab/clock", { data: { mode: "running", speed: 1 } });
  });
});
