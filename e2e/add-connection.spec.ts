import { expect, startsFrom, test } from "./fixtures";

startsFrom("demo");

test("adding a server with bad input shows the field errors and stores nothing", async ({
  page,
  request,
}) => {
  const before = ((await (await request.get("/api/hosts")).json()) as { total: number }).total;
  await page.goto("/");
  await page.getByRole("toolbar", { name: "Connections" }).getByRole("button", { name: "Add" }).click();
  const panel = page.getByRole("dialog", { name: "Add or create resources" });
  const form = panel.getByRole("form", { name: "Add server" });

  await test.step("bad name, address and memory are each explained", async () => {
    await form.getByLabel("Server name").fill("bad_name!");
    await form.getByLabel("Management IP address").fill("300.1.1.1");
    await form.getByLabel("Memory (GB)").fill("2");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(form.getByLabel("Server name")).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText("Use only letters, digits and hyphens.");
    await expect(form).toContainText("Enter an IPv4 address such as 10.0.0.21.");
    await expect(form).toContainText("A Hyper-V host needs at least 4 GiB");
    await expect(form.getByRole("alert")).toContainText("invalid fields");
  });

  await test.step("nothing was stored", async () => {
    const after = ((await (await request.get("/api/hosts")).json()) as { total: number }).total;
    expect(after).toBe(before);
  });

  await test.step("a duplicate name is a conflict", async () => {
    await form.getByLabel("Server name").fill("HV1");
    await form.getByLabel("Management IP address").fill("10.0.0.99");
    await form.getByLabel("Memory (GB)").fill("128");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(form.getByRole("alert")).toContainText("already in the inventory");
  });

  await test.step("fixed input adds the server and opens it", async () => {
    const name = `HV-E2E-${Date.now() % 100000}`;
    await form.getByLabel("Server name").fill(name);
    await form.getByLabel("Management IP address").fill("10.0.0.31");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Tools" })).toContainText(name);
    const after = ((await (await request.get("/api/hosts")).json()) as { total: number }).total;
    expect(after).toBe(before + 1);
  });
});

test("removing a server that still owns VMs is refused and deletes nothing", async ({ page, request }) => {
  await page.goto("/");
  const grid = page.getByRole("table", { name: "Connections" });
  await grid.getByRole("checkbox", { name: "Select hv4.contoso.com" }).check();
  await page.getByRole("toolbar", { name: "Connections" }).getByRole("button", { name: "Remove" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "HV4 still owns 1 virtual machine(s)" }),
  ).toBeVisible();
  await expect(grid.getByRole("link", { name: "hv4.contoso.com" })).toBeVisible();
  const hosts = (await (await request.get("/api/hosts?q=hv4")).json()) as { total: number };
  expect(hosts.total).toBe(1);
});
