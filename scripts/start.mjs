// `npm start`: install what is missing, generate the Prisma client, migrate (and seed an empty)
// database, build when the sources changed, then `next start` on PORT (default 3000).
// Environment: PORT, LAB_HOST (the address to listen on, default 127.0.0.1: this machine only),
// DATABASE_URL (default file:./dev.db), NEXT_DIST_DIR (default .next).
//   --fresh-db   delete the database file first (the e2e server starts from a clean estate)
import { ensureBuild } from "./ensure-build.mjs";
import { ensureGenerate, ensureInstall } from "./ensure-install.mjs";
import { baseEnv, bin, fail, forwardSignals, labHost, log, spawnTracked } from "./lib.mjs";
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
    `next start on http://${host.includes(":") ? `[${host}]` : host}:${port} (database ${baseEnv().DATABASE_URL})`,
  );
  // Ctrl-C / kill reach the server through forwardSignals; we leave with its status.
  // Idle keep-alive connections stay open longer than clients keep them (Node closes after 5 s),
  // so a client reusing one never races the server closing it (ECONNRESET).
  const child = spawnTracked(
    bin("next"),
    ["start", "--port", port, "--hostname", host, "--keepAliveTimeout", "65000"],
    {
      env: baseEnv({ PORT: port, LAB_HOST: host }),
    },
  );
  child.on("error", (error) => fail(`could not start next: ${error.message}`));
  child.on("exit", (code, signal) => {
    process.exit(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
  });
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
