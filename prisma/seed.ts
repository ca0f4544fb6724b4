// Seeds the inventory: `tsx prisma/seed.ts [--scenario NAME | --scale N] [--if-empty]`.
// Without --if-empty it replaces whatever is there with the scenario's estate (lib/lab/scenarios.ts;
// default demo). A scenario's own moves start only through a running server's reset.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { SCENARIO_NAMES, scenarioNamed } from "../lib/lab/scenarios";
import { BUSY_TIMEOUT_MS, SQLITE_PRAGMAS } from "../lib/sqlite";
import { buildScaledEstate } from "./estate";
import { writeEstate } from "./write-estate";

function parseArgs(argv: string[]): { scale: number; ifEmpty: boolean; scenario: string } {
  let scale = 0;
  let ifEmpty = false;
  let scenario = "demo";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--if-empty") ifEmpty = true;
    else if (arg === "--scale") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1 || value > 5000) {
        throw new Error("--scale needs a whole number of hosts from 1 to 5000");
      }
      scale = value;
    } else if (arg === "--scenario") {
      scenario = argv[++i] ?? "";
      if (!scenarioNamed(scenario)) throw new Error(`--scenario needs one of: ${SCENARIO_NAMES.join(", ")}`);
    } else throw new Error(`unknown argument ${arg}; usage: seed [--scenario NAME | --scale N] [--if-empty]`);
  }
  return { scale, ifEmpty, scenario };
}

async function main() {
  const { scale, ifEmpty, scenario } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL ?? "file:./dev.db";
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }) });
  try {
    for (const pragma of SQLITE_PRAGMAS) await db.$executeRawUnsafe(`PRAGMA ${pragma}`);
    if (ifEmpty && (await db.host.count()) > 0) {
      console.log("seed: the inventory already has hosts; left as it is");
      return;
    }
    const started = performance.now();
    const chosen = scenarioNamed(scenario);
    if (!chosen) throw new Error(`no scenario named ${scenario}`);
    const estate = scale > 0 ? buildScaledEstate(scale) : chosen.build();
    await writeEstate(db, estate);
    const ms = Math.round(performance.now() - started);
    console.log(`seed: ${estate.hosts.length} hosts, ${estate.vms.length} VMs written to ${url} in ${ms} ms`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
