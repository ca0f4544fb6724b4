// A Node ServerResponse stand-in for the event streams' native path (lib/http/sse.ts): it keeps
// what is written, and `readUpTo` bytes are taken by the "client", the rest stays queued.
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";

export class FakeResponse extends EventEmitter {
  status = 0;
  headers: Record<string, string> = {};
  chunks: string[] = [];
  writableLength = 0;
  writableEnded = false;
  destroyed = false;
  readUpTo = Number.POSITIVE_INFINITY;
  private written = 0;

  writeHead(status: number, headers: Record<string, string>): this {
    this.status = status;
    this.headers = headers;
    return this;
  }

  write(bytes: Uint8Array): boolean {
    this.chunks.push(new TextDecoder().decode(bytes));
    this.written += bytes.byteLength;
    this.writableLength = Math.max(0, this.written - this.readUpTo);
    return true;
  }

  end(): void {
    this.writableEnded = true;
  }

  destroy(): void {
    this.destroyed = true;
  }

  get text(): string {
    return this.chunks.join("");
  }

  asServerResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }
}
