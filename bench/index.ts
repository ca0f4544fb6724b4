// `npm run bench`: the engine, API, gate, lab (reset and clock) and stream benchmarks, one after the other (run under the
// react-server condition: the stream benchmark imports the server modules).
// Figures go to the console and to bench/results/*.json.
import { benchApi } from "./api";
import { benchEngine } from "./engine";
import { benchGate } from "./gate";
import { benchLab } from "./lab";
import { benchStream } from "./stream";

async function main() {
  await benchEngine();
  await benchApi();
  benchGate();
  benchLab();
  await benchStream();
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
