// `npm start`: install what is missing, generate the Prisma client, migrate (and seed an empty)
// database, build when the sources changed, then serve it on PORT (default 3000) with
// scripts/serve.mjs (`next start`, with the event streams written straight to the socket).
// Environment: PORT, LAB_HOST (the address to listen on, default 127.0.0.1: this machine only),
// DATABASE_URL (default file:./dev.db), NEXT_DIST_DIR (default .next).
//   --fresh-db   delete the database file first (the e2e server starts from a clean estate)

import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { baseEnv, fail, forwardSignals, labHost, log, ROOT, spawnTracked } from "./lib.mjs";
import { prepareDb } from "./prepare-db.mjs";

async function main() {
  const args = process.argv.slice(2);
  const port = process.env.PORT || "3000";
  if (!/^\d+$/.test(port)) fail(`PORT must be a number, got ${port}`);
  const host = labHost();
  forwardSignals();

  await ensureInstall();
  await ensureGenerate();
  await prepareDb({ reset: args.includes("--fresh-db") });
  await ensureBuild().catch((error) => fail(error.message));

  log(
    `serving on http://${host.includes(":") ? `[${host}]` : host}:${port} (database ${baseEnv().DATABASE_URL})`,
  );
  // Ctrl-C / kill reach the server through forwardSignals; we leave with its status.
  // scripts/serve.mjs is `next start` with the event streams written straight to the socket.
  const child = spawnTracked(
    process.execPath,
    [
      path.join(ROOT, "scripts", "serve.mjs"),
      "--port",
      port,
      "--hostname",
      host,
      "--keepAliveTimeout",
      "65000",
    ],
    {
      env: baseEnv({ PORT: port, LAB_HOST: host }),
    },
  );
  child.on("error", (error) => fail(`could not start the server: ${error.message}`));
  child.on("exit", (code, signal) => {
    process.exit(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
  });
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
