import { expect, startsFrom, test } from "./fixtures";

startsFrom("demo");

test("the API answers on its bare route", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("the inventory API lists the seeded hosts", async ({ request }) => {
  const response = await request.get("/api/hosts");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { items: { name: string }[] };
  expect(body.items.map((host) => host.name)).toEqual(expect.arrayContaining(["HV1", "HV2"]));
});

test("the start page carries the product name", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Live Migration Lab/);
});
