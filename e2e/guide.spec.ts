import { expect, startsFrom, test } from "./fixtures";

startsFrom("demo");

// docs/testing.md's example, run as part of npm test so that the guide cannot go stale: pick a
// scenario, hold the clock, step a move pass by pass, read its stream, find controls by role.

test.describe.configure({ mode: "serial" });

test("the testing guide: a scenario, a held clock, a move stepped pass by pass", async ({
  page,
  request,
}) => {
  const ids = await test.step("reset to the demo scenario", async () => {
    const scenarios = (await (await request.get("/api/lab/scenarios")).json()) as {
      items: { name: string }[];
    };
    expect(scenarios.items.map((s) => s.name)).toEqual([
      "demo",
      "empty",
      "bare-domain",
      "non-convergence",
      "limits",
      "auth-failures",
      "host-settings",
    ]);
    const reset = await request.post("/api/lab/reset", { data: { scenario: "demo" } });
    expect(reset.ok(), await reset.text()).toBe(true);
    const vms = (await (await request.get("/api/vms?q=WEB01")).json()) as {
      items: { id: number; name: string }[];
    };
    const hosts = (await (await request.get("/api/hosts")).json()) as {
      items: { id: number; name: string }[];
    };
    return {
      vm: vms.items.find((v) => v.name === "WEB01")?.id ?? 0,
      hv2: hosts.items.find((h) => h.name === "HV2")?.id ?? 0,
    };
  });

  const id = await test.step("hold the clock and start a move", async () => {
    expect((await request.post("/api/lab/clock", { data: { mode: "paused" } })).ok()).toBe(true);
    const started = await request.post("/api/migrations", {
      data: { vmId: ids.vm, kind: "live", destinationHostId: ids.hv2, startedFrom: "admin-center", seed: 7 },
    });
    expect(started.status(), await started.text()).toBe(202);
    return ((await started.json()) as { id: number }).id;
  });

  const passes = page.getByRole("table", { name: "Pre-copy passes" }).getByRole("row");
  await test.step("step to the first pass and see it on the page", async () => {
    await page.goto(`/migrations/${id}`);
    await expect(page.getByRole("heading", { name: "Move WEB01 to HV2" })).toBeVisible();
    const first = await request.post("/api/lab/clock", { data: { advanceTo: "next-pass", migrationId: id } });
    expect(((await first.json()) as { reached: boolean }).reached).toBe(true);
    await expect(passes).toHaveCount(2); // the header and pass 1
  });

  await test.step("the next pass, then the end", async () => {
    await request.post("/api/lab/clock", { data: { advanceTo: "next-pass", migrationId: id } });
    await expect(passes).toHaveCount(3);
    await request.post("/api/lab/clock", { data: { advanceTo: "end", migrationId: id } });
    await expect(page.getByRole("listitem", { name: /^Cleanup: completed/ })).toBeVisible();
  });

  await test.step("the stream resumed from the start ends with done", async () => {
    const stream = await request.get(`/api/migrations/${id}/events`, { headers: { "Last-Event-ID": "0" } });
    const types = [...(await stream.text()).matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(types.filter((t) => t === "pass").length).toBeGreaterThanOrEqual(2);
    expect(types.at(-1)).toBe("done");
  });
});
