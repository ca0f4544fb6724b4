/**
 * npm run simulate -- FILE.json|- [--events]
 * Prints one JSON object (the result) or, with --events, one event per line. Exit 2 on bad input.
 */
import { readFileSync } from "node:fs";
import { type MigrationSummary, simulate, simulateMany } from "../lib/engine";
import { reasonText } from "../lib/present/reasons";
import { parseSimulationFile } from "../lib/schemas/simulation";

const USAGE = "usage: npm run simulate -- FILE.json|- [--events]";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function result(s: MigrationSummary) {
  return {
    passes: s.passes,
    converged: s.converged,
    bytesSent: s.bytesSent,
    totalMs: s.totalMs,
    downtimeMs: s.downtimeMs,
    passList: s.passList.map((p) => ({
      bytes: p.bytes,
      durationMs: p.durationMs,
      dirtiedBytes: p.dirtiedBytes,
    })),
    reason: reasonText(s.reason),
  };
}

function main(argv: string[]): void {
  const events = argv.includes("--events");
  const files = argv.filter((a) => a !== "--events");
  const unknown = files.find((a) => a.startsWith("--"));
  if (unknown) fail(`unknown option ${unknown}\n${USAGE}`);
  const file = files[0];
  if (file === undefined || files.length > 1) fail(USAGE);
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`(root): not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseSimulationFile(json);
  if (!parsed.ok) fail(`invalid input\n${parsed.errors.join("\n")}`);
  const options = { progress: events };
  if (parsed.value.kind === "one") {
    const run = simulate(parsed.value.input, options);
    if (events) writeLines(run.events);
    else process.stdout.write(`${JSON.stringify(result(run.summary), null, 2)}\n`);
    return;
  }
  const run = simulateMany(parsed.value.input.migrations, options);
  if (events) writeLines(run.events);
  else {
    const migrations = run.summaries.map((s) => ({ ...result(s), endMs: s.endMs }));
    process.stdout.write(`${JSON.stringify({ migrations }, null, 2)}\n`);
  }
}

function writeLines(lines: readonly unknown[]): void {
  process.stdout.write(lines.map((e) => `${JSON.stringify(e)}\n`).join(""));
}

main(process.argv.slice(2));
