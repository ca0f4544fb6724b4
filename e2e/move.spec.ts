import {
  expect,
  expectMoveCompleted,
  labClock,
  manageMove,
  migration,
  openVmInventory,
  startMove,
  startsFrom,
  test,
  vmByName,
  vmRow,
} from "./fixtures";

startsFrom("demo");

// A move as an operator does it, and the event stream under it. WEB02 is this file's VM: each
// test moves it to whichever CLUSTER1 node it is not on, one test after the other.

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1440, height: 900 } });

interface Frame {
  id: string;
  event: string;
  data: string;
}

test("Manage > Move a clustered VM to the other node, watch the passes, see the Host server column change", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const from = (await vmByName(page.request, "WEB02")).host.name;
  expect(from === "HV1" || from === "HV2").toBe(true);
  const to = from === "HV1" ? "HV2" : "HV1";

  const grid = await openVmInventory(page, "cluster1.contoso.com");
  await expect(vmRow(grid, "WEB02").getByRole("cell", { name: from, exact: true })).toBeVisible();

  await test.step("the Move pane: live migration, best possible node, review, Move", async () => {
    const pane = await manageMove(page, grid, "WEB02");
    await expect(
      pane.getByRole("radio", { name: "Live migration (to another node of CLUSTER1)" }),
    ).toBeChecked();
    await pane.getByRole("button", { name: "Next" }).click();
    await pane.getByRole("radio", { name: "Best possible node" }).check();
    await pane.getByRole("button", { name: "Next" }).click();
    await pane.getByRole("button", { name: "Advanced" }).click();
    await pane.getByLabel("Simulation speed").fill("2");
    await pane.getByRole("button", { name: "Next" }).click();
    await expect(pane.getByRole("region", { name: "Compatibility report" })).toContainText(
      "No incompatibilities found",
    );
    await expect(pane.getByText(`to ${to}`, { exact: false }).first()).toBeVisible();
    // The lab clock is held from here and stepped, so the page is seen taking each pass as it comes.
    await labClock(page.request, { mode: "paused" });
    await pane.getByRole("button", { name: "Move", exact: true }).click();
  });

  await test.step("the migration page shows the passes as they arrive, then completion", async () => {
    await expect(page).toHaveURL(/\/migrations\/\d+$/);
    await expect(page.getByRole("heading", { name: `Move WEB02 to ${to}`, level: 1 })).toBeVisible();
    const id = Number(new URL(page.url()).pathname.split("/").at(-1));
    const passes = page.getByRole("table", { name: "Pre-copy passes" });
    await expect(passes.getByRole("rowheader", { name: "1", exact: true })).toHaveCount(0);
    expect((await labClock(page.request, { advanceTo: "next-pass", migrationId: id })).reached).toBe(true);
    await expect(passes.getByRole("rowheader", { name: "1", exact: true })).toBeVisible();
    expect((await labClock(page.request, { advanceTo: "end", migrationId: id })).reached).toBe(true);
    await expectMoveCompleted(page);
    await expect(page.getByText(`WEB02 now runs on ${to}`)).toBeVisible();
    await expect(page.getByRole("table", { name: "Migration events" })).toContainText("20415");
  });

  await test.step("back in the inventory, the Host server column names the new node", async () => {
    await page.goBack();
    await expect(vmRow(grid, "WEB02").getByRole("cell", { name: to, exact: true })).toBeVisible();
  });
});

test("a stream cut and resumed with Last-Event-ID loses and repeats nothing", async ({ page, request }) => {
  // WEB02 goes to whichever CLUSTER1 node it is not on (the test above moved it). The lab clock
  // (held since the test above) is stepped: to the first pass while the first stream reads, on
  // while no stream is open (those events must come from the store), then to the end.
  const to = (await vmByName(request, "WEB02")).host.name === "HV1" ? "HV2" : "HV1";
  await labClock(request, { mode: "paused" });
  await page.goto("/");
  const id = await startMove(request, { vm: "WEB02", to, speed: 1 });

  const read = (lastEventId: string | null, stopAfterPasses: number) =>
    page.evaluate(
      async ({ id, lastEventId, stopAfterPasses }) => {
        const controller = new AbortController();
        const response = await fetch(`/api/migrations/${id}/events`, {
          headers: lastEventId === null ? {} : { "Last-Event-ID": lastEventId },
          signal: controller.signal,
        });
        const reader = response.body?.getReader();
        (window as unknown as { streamOpen?: boolean }).streamOpen = true;
        const decoder = new TextDecoder();
        const frames: { id: string; event: string; data: string }[] = [];
        let text = "";
        let passes = 0;
        try {
          for (;;) {
            const chunk = await reader?.read();
            if (!chunk || chunk.done) break;
            text += decoder.decode(chunk.value, { stream: true });
            let cut = text.indexOf("\n\n");
            while (cut >= 0) {
              const block = text.slice(0, cut);
              text = text.slice(cut + 2);
              const get = (key: string) =>
                block
                  .split("\n")
                  .find((l) => l.startsWith(`${key}: `))
                  ?.slice(key.length + 2) ?? "";
              if (get("event")) frames.push({ id: get("id"), event: get("event"), data: get("data") });
              if (get("event") === "pass") passes += 1;
              cut = text.indexOf("\n\n");
            }
            if (passes >= stopAfterPasses) {
              controller.abort(); // the cable is cut here
              break;
            }
          }
        } catch {
          // aborted
        }
        return frames;
      },
      { id, lastEventId, stopAfterPasses },
    );

  const reading = read(null, 1);
  await page.waitForFunction(() => (window as unknown as { streamOpen?: boolean }).streamOpen === true);
  expect((await labClock(request, { advanceTo: "next-pass", migrationId: id })).reached).toBe(true);
  const first: Frame[] = await reading;
  expect(first[0]?.event).toBe("snapshot");
  const resumeFrom = first.at(-1)?.id ?? "";
  // Cut: the move goes on while no stream is open.
  await labClock(request, { advance: "1s" });
  expect((await migration(request, id)).lastSeq).toBeGreaterThan(Number(resumeFrom));
  const [second] = await Promise.all([
    read(resumeFrom, Number.POSITIVE_INFINITY) as Promise<Frame[]>,
    labClock(request, { advanceTo: "end", migrationId: id }),
  ]);
  expect(second.some((f) => f.event === "snapshot")).toBe(false);
  expect(second.at(-1)?.event).toBe("done");

  const snapshotSeq = Number(first[0]?.id);
  const seqs = [...first.slice(1), ...second].map((f) => Number(f.id));
  const detail = await migration(request, id);
  expect(detail.status).toBe("succeeded");
  const expected = Array.from({ length: detail.lastSeq - snapshotSeq }, (_, i) => snapshotSeq + 1 + i);
  expect(seqs).toEqual(expected);
});

test("the migrations API answers in the error envelope", async ({ request }) => {
  const unknown = await request.get("/api/migrations/99999/events");
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toContain("application/json");
  expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");

  const bad = await request.post("/api/migrations", { data: { vmId: 1, kind: "teleport" } });
  expect(bad.status()).toBe(422);
  const body = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
  expect(body.error.code).toBe("validation_failed");
  expect(body.error.details.map((d) => d.path)).toEqual(
    expect.arrayContaining(["kind", "destinationHostId", "startedFrom"]),
  );

  const wrongMethod = await request.delete("/api/migrations");
  expect(wrongMethod.status()).toBe(405);
});
