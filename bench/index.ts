// `npm run bench`: the engine, API, gate, lab (reset and clock), stream and page-weight benchmarks,
// one after the other (run under the react-server condition: the stream benchmark imports the
// server modules). `npm run bench -- pages stream` runs only the named ones.
// Figures go to the console and to bench/results/*.json.
import { benchApi } from "./api";
import { benchEngine } from "./engine";
import { benchGate } from "./gate";
import { benchLab } from "./lab";
import { benchPageWeight } from "./page-weight";
import { benchStream } from "./stream";

const BENCHMARKS: Record<string, () => unknown> = {
  engine: benchEngine,
  api: benchApi,
  gate: benchGate,
  lab: benchLab,
  stream: benchStream,
  pages: benchPageWeight,
};

async function main() {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(BENCHMARKS).join(", ")}`);
  }
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (names.length === 0 || names.includes(name)) await run();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
