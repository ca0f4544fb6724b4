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

test("the event streams answer as every route does: the security headers, and envelopes before a stream opens", async ({
  request,
}) => {
  // npm start writes these two streams past Next's piping (scripts/serve.mjs): the headers
  // next.config.js gives every path must still be there, and a refusal is still the envelope.
  const unknown = await request.get("/api/migrations/999999/events");
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["x-content-type-options"]).toBe("nosniff");
  expect(unknown.headers()["x-frame-options"]).toBe("DENY");
  expect((await unknown.json()).error).toMatchObject({ code: "not_found", status: 404 });
  const malformed = await request.get("/api/migrations/%ZZ/events");
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toMatchObject({ code: "bad_request", status: 400 });
  const page = await request.get("/servers/%ZZ");
  expect(page.status()).toBe(400);
});
