// Server-sent events: one text/event-stream Response per subscriber, heartbeats, and cleanup when
// the client goes away (request aborted or stream cancelled), whichever comes first.

export interface SseChannel {
  /** Queues one or more complete SSE frames (each ends with a blank line). */
  send(frame: string): void;
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

const encoder = new TextEncoder();
let sharedText = "";
let sharedBytes = new Uint8Array(0);

/** Subscribers of one migration are sent the same text in turn: encode it once, not once each. */
function encodeShared(text: string): Uint8Array {
  if (text !== sharedText) {
    sharedText = text;
    sharedBytes = encoder.encode(text);
  }
  return sharedBytes;
}

export function sseMessage(event: string, data: unknown, id?: number | string): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

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
  let pending: string[] = [];
  let cleanup: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  // Frames sent in one tick (a stored batch) go out as one chunk: under load the batches grow
  // and the cost per subscriber stays one write, so a slow server catches up instead of lagging.
  const flush = () => {
    if (pending.length === 0 || !controllerRef) return;
    const text = pending.length === 1 ? (pending[0] ?? "") : pending.join("");
    pending = [];
    controllerRef.enqueue(encodeShared(text));
    // A client that stops reading but keeps the connection would grow this queue for ever: drop
    // it, and its EventSource comes back with Last-Event-ID once it reads again.
    const desired = controllerRef.desiredSize;
    if (desired !== null && desired < -(options.maxBufferedBytes ?? MAX_BUFFERED_BYTES)) overflow();
  };

  /** Stops heartbeats and releases the subscription, exactly once. */
  const release = () => {
    closed = true;
    clearInterval(heartbeat);
    request.signal.removeEventListener("abort", finish);
    cleanup?.();
    cleanup = undefined;
  };

  const overflow = () => {
    if (closed) return;
    release();
    controllerRef?.error(new Error("The client read too slowly; the stream was dropped."));
  };

  const finish = () => {
    if (closed) return;
    try {
      flush();
    } catch {
      // The client is gone; nothing left to deliver.
    }
    release();
    try {
      controllerRef?.close();
    } catch {
      // Already closed by the client.
    }
  };

  const channel: SseChannel = {
    send(frame) {
      if (closed || !controllerRef) return;
      pending.push(frame);
      if (pending.length > 1) return;
      queueMicrotask(() => {
        if (closed) return;
        try {
          flush();
        } catch {
          finish();
        }
      });
    },
    close: finish,
    get closed() {
      return closed;
    },
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        controllerRef = controller;
        if (request.signal.aborted) {
          finish();
          return;
        }
        request.signal.addEventListener("abort", finish);
        controller.enqueue(encodeShared(`retry: ${options.retryMs ?? 1000}\n\n`));
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
      },
      cancel() {
        finish();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}

/** Last-Event-ID from the header (EventSource) or `?lastEventId=` (scripts); undefined when absent. */
export function lastEventIdOf(request: Request): string | undefined {
  const header = request.headers.get("last-event-id");
  if (header !== null && header.trim() !== "") return header.trim();
  const query = new URL(request.url).searchParams.get("lastEventId");
  return query === null || query.trim() === "" ? undefined : query.trim();
}
