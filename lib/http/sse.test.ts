import { describe, expect, it } from "vitest";
import { FakeResponse } from "@/lib/testing/fake-response";
import { attachNodeResponse, isTakenOver } from "./native-response";
import { eventStream, type SseChannel, sseMessage } from "./sse";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A stream on the web path, or on a Node response when `res` is given (the lab's own server). */
function open(options: { maxBufferedBytes?: number } = {}, res?: FakeResponse) {
  let channel: SseChannel | undefined;
  let released = 0;
  const controller = new AbortController();
  const request = new Request("http://localhost/events", { signal: controller.signal });
  if (res) attachNodeResponse(request, res.asServerResponse());
  const response = eventStream(
    request,
    async (c) => {
      channel = c;
      return () => {
        released += 1;
      };
    },
    { heartbeatMs: 60_000, ...options },
  );
  return { response, controller, channel: () => channel, released: () => released };
}

describe("eventStream", () => {
  it("sends frames in order, then ends and releases its subscription once", async () => {
    const s = open();
    await tick();
    s.channel()?.send(sseMessage("a", { n: 1 }, 1));
    s.channel()?.send(sseMessage("b", { n: 2 }, 2));
    s.channel()?.close();
    s.channel()?.close();
    const text = await s.response.text();
    expect(text).toBe('retry: 1000\n\nid: 1\nevent: a\ndata: {"n":1}\n\nid: 2\nevent: b\ndata: {"n":2}\n\n');
    expect(s.released()).toBe(1);
  });

  it("releases the subscription when the client goes away", async () => {
    const s = open();
    await tick();
    s.controller.abort();
    expect(s.released()).toBe(1);
    expect(s.channel()?.closed).toBe(true);
  });

  it("drops a client that stops reading once too much is queued for it", async () => {
    const s = open({ maxBufferedBytes: 10_000 });
    await tick();
    const frame = sseMessage("progress", { pad: "x".repeat(1000) }, 1);
    for (let i = 0; i < 200 && !s.channel()?.closed; i++) {
      s.channel()?.send(frame);
      await tick();
    }
    expect(s.channel()?.closed).toBe(true);
    expect(s.released()).toBe(1);
    await expect(s.response.text()).rejects.toThrow(/too slowly/);
  });
});

describe("eventStream on the lab's own server", () => {
  const openNative = (res: FakeResponse, options: { maxBufferedBytes?: number } = {}) => open(options, res);

  it("writes the same bytes to the Node response, one write per send, and ends it once", async () => {
    const res = new FakeResponse();
    const s = openNative(res);
    expect(isTakenOver(s.response)).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers["Content-Type"]).toBe("text/event-stream; charset=utf-8");
    await tick();
    s.channel()?.send(sseMessage("a", { n: 1 }, 1) + sseMessage("b", { n: 2 }, 2));
    s.channel()?.close();
    s.channel()?.close();
    expect(res.chunks).toEqual([
      "retry: 1000\n\n",
      'id: 1\nevent: a\ndata: {"n":1}\n\nid: 2\nevent: b\ndata: {"n":2}\n\n',
    ]);
    expect(res.writableEnded).toBe(true);
    expect(s.released()).toBe(1);
  });

  it("drops a client that leaves too much unread, and releases its subscription", async () => {
    const res = new FakeResponse();
    res.readUpTo = 0;
    const s = openNative(res, { maxBufferedBytes: 10_000 });
    await tick();
    const frame = sseMessage("progress", { pad: "x".repeat(1000) }, 1);
    for (let i = 0; i < 20; i++) s.channel()?.send(frame);
    expect(res.destroyed).toBe(true);
    expect(s.channel()?.closed).toBe(true);
    expect(s.released()).toBe(1);
    expect(res.chunks.length).toBeLessThan(20);
  });

  it("lets go when the client goes away", async () => {
    const res = new FakeResponse();
    const s = openNative(res);
    await tick();
    s.controller.abort();
    expect(s.released()).toBe(1);
    expect(s.channel()?.closed).toBe(true);
  });
});
