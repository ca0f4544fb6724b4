// `npm run bench`: the engine benchmark (bench/engine.ts, when present), the API benchmark and the
// stream benchmark (run under the react-server condition: it imports the server modules).
// Figures go to the console and to bench/results/*.json.
import { existsSync } from "node:fs";
import { benchApi } from "./api";
import { benchStream } from "./stream";

async function main() {
  const engineFile = new URL("./engine.ts", import.meta.url);
  if (existsSync(engineFile)) {
    // Loaded by URL so that this file type-checks before bench/engine.ts exists.
    const engine = (await import(engineFile.href)) as { benchEngine?: () => Promise<unknown> | unknown };
    if (typeof engine.benchEngine === "function") await engine.benchEngine();
    else console.log("bench: bench/engine.ts has no exported benchEngine(); skipped");
  } else {
    console.log("bench: bench/engine.ts not present yet; engine benchmark skipped");
  }
  await benchApi();
  await benchStream();
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
