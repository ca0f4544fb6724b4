// The lab clock through the control API: held, stepped pass by pass, and the same calls after a
// reset giving the same event stream byte for byte.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setGatewayConfigForTests } from "@/lib/auth/gate";
import { gatewayConfig } from "@/lib/auth/gateway";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { GET as getEvents } from "./../migrations/[id]/events/route";
import { GET as getMigration } from "./../migrations/[id]/route";
import { POST as startMove } from "./../migrations/route";
import { GET as getClock, POST as postClock } from "./clock/route";
import { POST as reset } from "./reset/route";

const none = { params: Promise.resolve({}) };
const post = (path: string, body: unknown) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
async function clock(body: unknown) {
  const res = await postClock(post("/api/lab/clock", body), none);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { mode: string; nowMs: number; advancedMs: number; reached?: boolean };
}
async function start(): Promise<number> {
  const res = await startMove(
    post("/api/migrations", {
      vmId: idOf("vms", "WEB01"),
      kind: "live",
      destinationHostId: idOf("hosts", "HV2"),
      startedFrom: "admin-center",
      seed: 7,
    }),
    none,
  );
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: number }).id;
}
/** Every stored event of a move as the stream sends it (Last-Event-ID 0), the whole text. */
async function streamText(id: number): Promise<string> {
  const res = await getEvents(
    new Request(`http://localhost/api/migrations/${id}/events`, { headers: { "Last-Event-ID": "0" } }),
    { params: Promise.resolve({ id: String(id) }) },
  );
  expect(res.status).toBe(200);
  return res.text();
}
/** GET /api/migrations/:id: what a page knows of a move so far (it works while the move runs). */
async function detail(id: number) {
  const res = await getMigration(new Request(`http://localhost/api/migrations/${id}`), {
    params: Promise.resolve({ id: String(id) }),
  });
  return (await res.json()) as { lastSeq: number; passes: unknown[]; switchedOver: boolean; status: string };
}
const types = (text: string) => [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);

beforeAll(async () => {
  await seedDemo();
  setGatewayConfigForTests(gatewayConfig({ LAB_CONTROL_API: "1" }));
});
afterAll(async () => {
  await clock({ mode: "running", speed: 1 });
  setGatewayConfigForTests(undefined);
});

describe("the lab clock", () => {
  it("stands still while paused: a move keeps its state and no event is stored", async () => {
    await reset(post("/api/lab/reset", { scenario: "demo" }), none);
    const paused = await clock({ mode: "paused" });
    expect(paused.mode).toBe("paused");
    const id = await start();
    const before = await detail(id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await detail(id)).toEqual(before);
    const got = (await (await getClock(new Request("http://localhost/api/lab/clock"), none)).json()) as {
      nowMs: number;
    };
    expect(got.nowMs).toBe(paused.nowMs);
  });

  it("steps a move pass by pass, then to its switchover and its end", async () => {
    await reset(post("/api/lab/reset", { scenario: "demo" }), none);
    await clock({ mode: "paused" });
    const id = await start();
    const setup = await clock({ advance: "1s" });
    expect(setup.advancedMs).toBe(1000);
    expect((await detail(id)).passes).toHaveLength(0);
    const first = await clock({ advanceTo: "next-pass", migrationId: id });
    expect(first.reached).toBe(true);
    expect((await detail(id)).passes).toHaveLength(1);
    await clock({ advanceTo: "next-pass", migrationId: id });
    expect((await detail(id)).passes).toHaveLength(2);
    expect((await clock({ advanceTo: "switchover", migrationId: id })).reached).toBe(true);
    expect(await detail(id)).toMatchObject({ switchedOver: true, status: "running" });
    expect((await clock({ advanceTo: "end" })).reached).toBe(true);
    expect(types(await streamText(id)).at(-1)).toBe("done");
  });

  it("gives the same events byte for byte for the same seed and the same clock calls", async () => {
    const run = async () => {
      await reset(post("/api/lab/reset", { scenario: "demo" }), none);
      await clock({ mode: "paused" });
      const id = await start();
      await clock({ advance: "2.5s" });
      await clock({ advanceTo: "next-pass" });
      await clock({ advance: "750ms" });
      await clock({ advanceTo: "end" });
      return streamText(id);
    };
    const a = await run();
    const b = await run();
    expect(types(a).at(-1)).toBe("done");
    expect(b).toBe(a);
  });

  it("refuses a bad request with the field named, and changes nothing", async () => {
    const before = await clock({ mode: "paused" });
    for (const body of [
      { advance: "soon" },
      { mode: "stopped" },
      { advanceTo: "lunch" },
      { advance: "1s", mode: "paused" },
    ]) {
      const res = await postClock(post("/api/lab/clock", body), none);
      expect(res.status).toBe(422);
    }
    const after = (await (await getClock(new Request("http://localhost/api/lab/clock"), none)).json()) as {
      nowMs: number;
    };
    expect(after.nowMs).toBe(before.nowMs);
  });
});
