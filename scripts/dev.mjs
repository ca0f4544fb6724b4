// `npm run dev`: migrate (and seed an empty) database, then `next dev` on LAB_HOST (default
// 127.0.0.1) and PORT (default 3000), with the lab's control API on unless LAB_CONTROL_API says.
import { baseEnv, bin, fail, forwardSignals, labHost, spawnTracked } from "./lib.mjs";
import { prepareDb } from "./prepare-db.mjs";

forwardSignals();
await prepareDb();
const host = labHost();
const port = process.env.PORT || "3000";
if (!/^\d+$/.test(port)) fail(`PORT must be a number, got ${port}`);
const child = spawnTracked(bin("next"), ["dev", "--port", port, "--hostname", host], {
  env: baseEnv({ PORT: port, LAB_HOST: host, LAB_CONTROL_API: process.env.LAB_CONTROL_API ?? "1" }),
});
child.on("exit", (code) => process.exit(code ?? 0));
