// Server-sent events: one text/event-stream response per subscriber, heartbeats, and cleanup when
// the client goes away (request aborted or stream cancelled), whichever comes first.
//
// Two ways out, the same bytes on both: a WHATWG ReadableStream in the Response (what Next pipes to
// the socket, under `next dev` and any server that is not ours), or, when the request came through
// the lab's own server (lib/http/native.ts), straight onto its Node response. Next pipes a body
// through the web-streams machinery, several promises per chunk per subscriber; with hundreds of
// subscribers that was most of the server's work, so the production server writes the frames itself.
import type { ServerResponse } from "node:http";
import { nodeResponseOf, takenOver } from "./native-response";

export interface SseChannel {
  /** Sends one or more complete SSE frames (each ends with a blank line). */
  send(frames: string): void;
  /** Ends the stream (after the final event). */
  close(): void;
  readonly closed: boolean;
}

export interface SseOptions {
  heartbeatMs?: number;
  /** Reconnection delay suggested to EventSource. */
  retryMs?: number;
  /** Default MAX_BUFFERED_BYTES. */
  maxBufferedBytes?: number;
}

export const HEARTBEAT_MS = 15_000;
/** Unread bytes one subscriber may leave queued before its stream is dropped. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

let sharedText = "";
let sharedBytes: Uint8Array = Buffer.alloc(0);

/**
 * Subscribers of one migration are sent the same text in turn: encode it once, not once each. A
 * Buffer (a Uint8Array to the web stream): a Node socket takes it without wrapping it again.
 */
function encodeShared(text: string): Uint8Array {
  if (text !== sharedText) {
    sharedText = text;
    sharedBytes = Buffer.from(text, "utf8");
  }
  return sharedBytes;
}

export function sseMessage(event: string, data: unknown, id?: number | string): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Where one subscriber's bytes go. */
interface Sink {
  write(bytes: Uint8Array): void;
  /** Bytes written but not yet taken by the client. */
  backlog(): number;
  end(): void;
  /** Ends the stream as failed (the client sees the connection drop, and reconnects). */
  fail(error: Error): void;
}

function webSink(controller: ReadableStreamDefaultController<Uint8Array>, highWaterMark: number): Sink {
  return {
    write: (bytes) => controller.enqueue(bytes),
    backlog: () => highWaterMark - (controller.desiredSize ?? highWaterMark),
    end: () => controller.close(),
    fail: (error) => controller.error(error),
  };
}

function nodeSink(res: ServerResponse): Sink {
  return {
    write: (bytes) => {
      if (!res.destroyed) res.write(bytes);
    },
    backlog: () => res.writableLength,
    end: () => {
      if (!res.writableEnded) res.end();
    },
    fail: () => res.destroy(),
  };
}

const HIGH_WATER_MARK = 64 * 1024;

/**
 * `open` runs once the stream exists; it sends what it needs and returns the cleanup (unsubscribe)
 * that runs exactly once when the stream ends for any reason.
 */
export function eventStream(
  request: Request,
  open: (channel: SseChannel) => Promise<() => void>,
  options: SseOptions = {},
): Response {
  let closed = false;
  let cleanup: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let sink: Sink | undefined;
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;

  /** Stops heartbeats and releases the subscription, exactly once. */
  const release = () => {
    closed = true;
    clearInterval(heartbeat);
    request.signal.removeEventListener("abort", finish);
    cleanup?.();
    cleanup = undefined;
  };

  // A client that stops reading but keeps the connection would grow its queue for ever: drop it,
  // and its EventSource comes back with Last-Event-ID once it reads again.
  const overflow = () => {
    if (closed) return;
    release();
    sink?.fail(new Error("The client read too slowly; the stream was dropped."));
  };

  function finish() {
    if (closed) return;
    release();
    try {
      sink?.end();
    } catch {
      // Already closed by the client.
    }
  }

  // Frames are written as they are sent, with no wait: a publish hands each subscriber a whole
  // stored batch as one text, so the cost per subscriber stays one write however big the batch.
  const channel: SseChannel = {
    send(frames) {
      if (closed || !sink) return;
      try {
        sink.write(encodeShared(frames));
      } catch {
        finish();
        return;
      }
      if (sink.backlog() > maxBuffered) overflow();
    },
    close: finish,
    get closed() {
      return closed;
    },
  };

  const begin = async (target: Sink) => {
    sink = target;
    if (request.signal.aborted) {
      finish();
      return;
    }
    request.signal.addEventListener("abort", finish);
    target.write(encodeShared(`retry: ${options.retryMs ?? 1000}\n\n`));
    heartbeat = setInterval(() => channel.send(": heartbeat\n\n"), options.heartbeatMs ?? HEARTBEAT_MS);
    heartbeat.unref?.();
    try {
      const release = await open(channel);
      if (closed) release();
      else cleanup = release;
    } catch (error) {
      console.error("event stream failed to open", error);
      finish();
    }
  };

  const res = nodeResponseOf(request);
  if (res) {
    res.writeHead(200, SSE_HEADERS);
    void begin(nodeSink(res));
    return takenOver();
  }

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        void begin(webSink(controller, HIGH_WATER_MARK));
      },
      cancel() {
        finish();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_MARK }),
  );

  return new Response(stream, { headers: SSE_HEADERS });
}

/** Last-Event-ID from the header (EventSource) or `?lastEventId=` (scripts); undefined when absent. */
export function lastEventIdOf(request: Request): string | undefined {
  const header = request.headers.get("last-event-id");
  if (header !== null && header.trim() !== "") return header.trim();
  const query = new URL(request.url).searchParams.get("lastEventId");
  return query === null || query.trim() === "" ? undefined : query.trim();
}
