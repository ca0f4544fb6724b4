import { beforeEach, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { attachNodeResponse } from "@/lib/http/native-response";
import { eventStream } from "@/lib/http/sse";
import type { MigrationDetail, MigrationStreamEvent, NotificationEvent } from "@/lib/schemas/migration";
import { FakeResponse } from "@/lib/testing/fake-response";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { MigrationBus } from "./bus";
import { FakeClock } from "./clock";
import { MigrationService } from "./service";
import { appendEvents, eventsAfter, type NewEvent } from "./store";
import { Notifier, parseLastEventId, prepareMigrationStream, prepareNotificationStream } from "./streams";

const HV2 = idOf("hosts", "HV2");
const SQL01 = idOf("vms", "SQL01");
const FS01 = idOf("vms", "FS01");

interface Frame {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads SSE frames from a Response as they arrive. */
function reader(response: Response) {
  const body = response.body?.getReader();
  if (!body) throw new Error("no body");
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const frames: Frame[] = [];
  const pump = (async () => {
    for (;;) {
      const { value, done } = await body.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let cut = text.indexOf("\n\n");
      while (cut >= 0) {
        const block = text.slice(0, cut);
        text = text.slice(cut + 2);
        const frame: Frame = {};
        for (const line of block.split("\n")) {
          const i = line.indexOf(": ");
          if (line.startsWith(":") || i < 0) continue;
          const key = line.slice(0, i) as keyof Frame;
          if (key === "id" || key === "event" || key === "data") frame[key] = line.slice(i + 2);
        }
        if (frame.event) frames.push(frame);
        cut = text.indexOf("\n\n");
      }
    }
    ended = true;
  })();
  return { frames, pump, cancel: () => body.cancel(), ended: () => ended };
}

const liveToHv2 = (vmId: number) =>
  ({ vmId, kind: "live", destinationHostId: HV2, startedFrom: "admin-center" }) as const;

function harness() {
  const clock = new FakeClock();
  const bus = new MigrationBus();
  const service = new MigrationService({ clock, bus, defaultSpeed: 20 });
  const tick = async (ms = 20) => {
    clock.advance(ms);
    await service.runner.settled();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { clock, bus, service, tick };
}

async function open(bus: MigrationBus, id: number, lastEventId?: number, controller = new AbortController()) {
  const request = new Request("http://lab/api/migrations/x/events", { signal: controller.signal });
  return {
    controller,
    response: eventStream(request, await prepareMigrationStream(bus, id, lastEventId), {
      heartbeatMs: 60_000,
    }),
  };
}

/** A stream's channel that keeps what it was sent and whether it was closed. */
function recordingChannel() {
  const sent: string[] = [];
  const channel = {
    closed: false,
    send(frames: string) {
      sent.push(frames);
    },
    close() {
      channel.closed = true;
    },
  };
  return { channel, sent };
}

beforeEach(async () => {
  await seedDemo();
});

describe("GET /api/migrations/:id/events", () => {
  it("a stream cut and resumed with Last-Event-ID loses and repeats nothing", async () => {
    const h = harness();
    const { id } = await h.service.start(liveToHv2(SQL01));
    const first = await open(h.bus, id);
    const a = reader(first.response);
    while (a.frames.filter((f) => f.event === "pass").length < 2) await h.tick();
    first.controller.abort();
    await a.pump;
    expect(h.bus.listenerCount).toBe(0);

    const snapshot = JSON.parse(a.frames[0]?.data ?? "{}") as MigrationDetail;
    expect(a.frames[0]?.event).toBe("snapshot");
    expect(a.frames[0]?.id).toBe(String(snapshot.lastSeq));
    const lastId = Number(a.frames.at(-1)?.id);

    await h.tick(200); // events go on while nobody listens
    const second = await open(h.bus, id, lastId);
    const b = reader(second.response);
    while (!b.ended()) await h.tick();
    expect(b.frames.some((f) => f.event === "snapshot")).toBe(false);

    const received = [...a.frames.slice(1), ...b.frames].map(
      (f) => JSON.parse(f.data ?? "") as MigrationStreamEvent,
    );
    const stored = await eventsAfter(id, snapshot.lastSeq);
    expect(received.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    expect(received).toEqual(stored);
    expect(received.at(-1)?.type).toBe("done");
    expect(h.bus.listenerCount).toBe(0);
  });

  it("the lab's own server writes the very bytes the Response body carries, live and resumed", async () => {
    const h = harness();
    const { id } = await h.service.start(liveToHv2(FS01));
    await h.tick();
    const openNative = async (lastEventId?: number) => {
      const res = new FakeResponse();
      const request = new Request("http://lab/api/migrations/x/events");
      attachNodeResponse(request, res.asServerResponse());
      eventStream(request, await prepareMigrationStream(h.bus, id, lastEventId), { heartbeatMs: 60_000 });
      return res;
    };
    const bodyText = async (response: Response) => new TextDecoder().decode(await response.arrayBuffer());
    const web = bodyText((await open(h.bus, id)).response);
    const native = await openNative();
    const webResumed = bodyText((await open(h.bus, id, 2)).response);
    const nativeResumed = await openNative(2);
    while (!native.writableEnded || !nativeResumed.writableEnded) await h.tick(50);
    expect(native.text).toBe(await web);
    expect(nativeResumed.text).toBe(await webResumed);
    expect(native.text).toMatch(/^retry: 1000\n\nid: \d+\nevent: snapshot\n/);
    expect(native.text).toMatch(/event: done\n.*\n\n$/);
    expect(nativeResumed.text).toMatch(/^retry: 1000\n\nid: 3\n/);
    expect(h.bus.listenerCount).toBe(0);
  });

  it("a finished migration sends its snapshot and ends", async () => {
    const h = harness();
    const { id } = await h.service.start(liveToHv2(FS01));
    for (let i = 0; i < 200; i++) await h.tick(50);
    const { response } = await open(h.bus, id);
    const r = reader(response);
    await r.pump;
    expect(r.frames.map((f) => f.event)).toEqual(["snapshot"]);
    const detail = JSON.parse(r.frames[0]?.data ?? "{}") as MigrationDetail;
    expect(detail.status).toBe("succeeded");
    expect(detail.passes.length).toBeGreaterThan(0);
    expect(h.bus.listenerCount).toBe(0);

    // Resuming after the final event of a finished move ends at once instead of hanging.
    const last = Number(r.frames[0]?.id);
    const again = reader((await open(h.bus, id, last)).response);
    await again.pump;
    expect(again.frames).toEqual([]);
    expect(h.bus.listenerCount).toBe(0);
  });

  it("of a batch published while the snapshot is read, sends only what the snapshot did not hold", async () => {
    const h = harness();
    const { id } = await h.service.start(liveToHv2(FS01));
    const stored = await eventsAfter(id, 0);
    const last = stored.at(-1);
    if (!last) throw new Error("a started move has events");
    const { channel, sent } = recordingChannel();
    const fake = (seq: number, type: MigrationStreamEvent["type"]) => {
      const event = { ...last, seq, type } as MigrationStreamEvent;
      return { id: 0, event, frame: `id: ${seq}\nevent: ${type}\n\n` };
    };
    const opening = (await prepareMigrationStream(h.bus, id, undefined))(channel);
    // Published while the stream reads its snapshot: the stored last event again, then a new one.
    h.bus.publish([fake(last.seq, last.type), fake(last.seq + 1, "progress")]);
    const release = await opening;
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(new RegExp(`^id: ${last.seq}\nevent: snapshot\n`));
    expect(sent[1]).toBe(`id: ${last.seq + 1}\nevent: progress\n\n`);
    // Live now, after the buffered batch: what it held is not sent again, and `done` ends the stream.
    h.bus.publish(fake(last.seq + 1, "progress"));
    h.bus.publish([fake(last.seq + 1, "progress"), fake(last.seq + 2, "done")]);
    expect(sent.slice(2)).toEqual([`id: ${last.seq + 2}\nevent: done\n\n`]);
    expect(channel.closed).toBe(true);
    release();
    expect(h.bus.listenerCount).toBe(0);
  });

  it("a move that ends while the snapshot is read ends its stream before it goes live", async () => {
    const h = harness();
    const { id } = await h.service.start(liveToHv2(FS01));
    const last = (await eventsAfter(id, 0)).at(-1);
    if (!last) throw new Error("a started move has events");
    const { channel, sent } = recordingChannel();
    const opening = (await prepareMigrationStream(h.bus, id, undefined))(channel);
    const done = { ...last, seq: last.seq + 1, type: "done" } as MigrationStreamEvent;
    h.bus.publish({ id: 0, event: done, frame: `id: ${done.seq}\nevent: done\n\n` });
    const release = await opening;
    expect(sent.slice(1)).toEqual([`id: ${done.seq}\nevent: done\n\n`]);
    expect(channel.closed).toBe(true);
    release();
    expect(h.bus.listenerCount).toBe(0);
  });

  it("checks the id and Last-Event-ID before any stream opens", async () => {
    const h = harness();
    await expect(prepareMigrationStream(h.bus, 9999, undefined)).rejects.toMatchObject({ status: 404 });
    expect(() => parseLastEventId("abc")).toThrow(/whole number/);
    expect(parseLastEventId(undefined)).toBeUndefined();
    expect(parseLastEventId("12")).toBe(12);
    const { id } = await h.service.start(liveToHv2(FS01));
    await expect(prepareMigrationStream(h.bus, id, 10_000)).rejects.toMatchObject({ status: 400 });
    expect(h.bus.listenerCount).toBe(0);
  });
});

describe("GET /api/events", () => {
  it("sends a snapshot of the moves, then each move's progress with its row", async () => {
    const h = harness();
    const notifier = new Notifier(h.bus);
    const controller = new AbortController();
    const request = new Request("http://lab/api/events", { signal: controller.signal });
    const r = reader(
      eventStream(request, prepareNotificationStream(notifier, undefined), { heartbeatMs: 60_000 }),
    );
    const { id } = await h.service.start(liveToHv2(FS01));
    for (let i = 0; i < 400 && !r.frames.some((f) => f.data?.includes('"type":"done"')); i++)
      await h.tick(20);
    controller.abort();
    await r.pump;
    expect(r.frames[0]?.event).toBe("snapshot");
    const notes = r.frames.slice(1).map((f) => JSON.parse(f.data ?? "") as NotificationEvent);
    expect(notes.length).toBeGreaterThan(3);
    expect(notes.every((n) => n.migration.id === id)).toBe(true);
    expect(notes.map((n) => n.id)).toEqual([...notes.map((n) => n.id)].sort((x, y) => x - y));
    expect(notes.at(-1)?.migration.status).toBe("succeeded");
    expect(notes.some((n) => n.event.type === "pass")).toBe(false);
    expect(notifier.size).toBe(0);
    expect(h.bus.listenerCount).toBe(0);
  });
});

describe("GET /api/events resume", () => {
  const openAll = (notifier: Notifier, lastEventId: number | undefined) => {
    const controller = new AbortController();
    const request = new Request("http://lab/api/events", { signal: controller.signal });
    const r = reader(
      eventStream(request, prepareNotificationStream(notifier, lastEventId), { heartbeatMs: 60_000 }),
    );
    return { ...r, controller };
  };

  it("replays every notification after Last-Event-ID, past one page, in order and once", async () => {
    const h = harness();
    const { id } = await h.service.start(liveToHv2(SQL01));
    h.service.runner.stop();
    const before = (await eventsAfter(id, 0)).length;
    const progress: NewEvent[] = Array.from({ length: 1200 }, (_, i) => ({
      type: "progress",
      atMs: i,
      data: {
        atMs: i,
        stage: "setup",
        percent: i / 20,
        bytesSent: 0,
        wireBytes: 0,
        bytesPerSecond: 0,
        etaMs: 0,
        cpuCores: 0,
      },
    }));
    const published = await writeTransaction((tx) => appendEvents(tx, id, progress, new Date()));
    const from = published[0]?.id ?? 0; // resume just after the first one
    const r = openAll(new Notifier(h.bus), from);
    for (let i = 0; i < 500 && r.frames.length < 1199; i++) await new Promise((res) => setTimeout(res, 5));
    r.controller.abort();
    await r.pump;
    const ids = r.frames.map((f) => Number(f.id));
    expect(ids).toEqual(published.slice(1).map((p) => p.id));
    expect(before).toBeGreaterThan(0);
  });

  it("starts afresh with a snapshot when Last-Event-ID is after the last stored event", async () => {
    const h = harness();
    const r = openAll(new Notifier(h.bus), 10_000_000);
    for (let i = 0; i < 100 && r.frames.length === 0; i++) await new Promise((res) => setTimeout(res, 5));
    r.controller.abort();
    await r.pump;
    expect(r.frames[0]?.event).toBe("snapshot");
  });
});
