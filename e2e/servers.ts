// The e2e servers: one per Playwright worker, each on its own port with its own SQLite file
// (deleted, migrated and seeded when it starts), all serving one production build. A worker only
// ever talks to its own server (e2e/fixtures.ts sets baseURL), so the journeys of two workers never
// share CLUSTER1's migration slots, a host's memory or a VM.
//   E2E_WORKERS  workers, and so servers (default 2)
//   E2E_PORT     the first server's port (default 3100; the next ones count up from it)
//   E2E_NAME     names the databases (e2e/.output/NAME-N.db) and the build folder (.next-NAME), so
//                that two local runs on different ports share neither
export const e2eWorkers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

const firstPort = Number(process.env.E2E_PORT ?? 3100);
const name = process.env.E2E_NAME ?? "e2e";

export const e2eDistDir = `.next-${name}`;

export const e2eServers = Array.from({ length: e2eWorkers }, (_, index) => ({
  port: firstPort + index,
  url: `http://127.0.0.1:${firstPort + index}`,
  databaseUrl: `file:./e2e/.output/${name}-${index}.db`,
}));
