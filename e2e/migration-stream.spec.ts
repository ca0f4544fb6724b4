import { expect, test } from "@playwright/test";

// The event stream as a browser sees it: cut mid-move, resumed with Last-Event-ID.

interface Frame {
  id: string;
  event: string;
  data: string;
}

test("a stream cut and resumed with Last-Event-ID loses and repeats nothing", async ({ page, request }) => {
  const hosts = (await (await request.get("/api/hosts?limit=100")).json()) as {
    items: { id: number; name: string }[];
  };
  const vms = (await (await request.get("/api/vms?q=WEB02")).json()) as {
    items: { id: number; name: string }[];
  };
  const hv1 = hosts.items.find((h) => h.name === "HV1")?.id;
  const web02 = vms.items.find((v) => v.name === "WEB02")?.id;
  expect(hv1 && web02).toBeTruthy();

  await page.goto("/");
  const started = await request.post("/api/migrations", {
    data: { vmId: web02, kind: "live", destinationHostId: hv1, startedFrom: "admin-center", speed: 1 },
  });
  expect(started.status()).toBe(202);
  const { id } = (await started.json()) as { id: number };

  const read = (lastEventId: string | null, stopAfterPasses: number) =>
    page.evaluate(
      async ({ id, lastEventId, stopAfterPasses }) => {
        const controller = new AbortController();
        const response = await fetch(`/api/migrations/${id}/events`, {
          headers: lastEventId === null ? {} : { "Last-Event-ID": lastEventId },
          signal: controller.signal,
        });
        const reader = response.body?.getReader();
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

  const first: Frame[] = await read(null, 1);
  expect(first[0]?.event).toBe("snapshot");
  const resumeFrom = first.at(-1)?.id ?? "";
  const second: Frame[] = await read(resumeFrom, Number.POSITIVE_INFINITY);
  expect(second.some((f) => f.event === "snapshot")).toBe(false);
  expect(second.at(-1)?.event).toBe("done");

  const snapshotSeq = Number(first[0]?.id);
  const seqs = [...first.slice(1), ...second].map((f) => Number(f.id));
  const detail = (await (await request.get(`/api/migrations/${id}`)).json()) as {
    lastSeq: number;
    status: string;
  };
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
