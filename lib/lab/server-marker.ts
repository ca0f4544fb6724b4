import "server-only";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GatewayConfig } from "@/lib/auth/gateway";
import { databaseUrl } from "@/lib/db";

/**
 * A file beside the database that says a server is using it (pid, address, control API), so
 * `npm run db:reset` resets through that server instead of deleting a file it holds open.
 * Removed when the server exits; a stale one (the pid is gone) is ignored.
 */
export function serverMarkerPath(url = databaseUrl()): string | null {
  if (!url.startsWith("file:")) return null;
  return `${path.resolve(process.cwd(), url.slice("file:".length).replace(/\?.*$/, ""))}.server.json`;
}

export function writeServerMarker(gateway: GatewayConfig, port: string): void {
  const file = serverMarkerPath();
  if (!file) return;
  writeFileSync(
    file,
    `${JSON.stringify({ pid: process.pid, host: gateway.host, port, controlApi: gateway.controlApi })}\n`,
  );
  const remove = () => rmSync(file, { force: true });
  process.once("exit", remove);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      remove();
      process.exit(0);
    });
  }
}
