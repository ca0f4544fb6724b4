/**
 * Gate benchmark: what the session check adds to a request. The gate every API route runs
 * (lib/auth/gate.ts: Host, cross-site rules, who is asking, the role) timed in process for
 * GET /api/vms?limit=100, on a local lab (no session to look up) and on a lab that needs sign-in
 * with a session cookie: once as routes see it (the session cached for 5 s), and with the cache
 * cleared before every request (a database look-up each time). Target: under 1 ms at p50.
 * Run alone: npx tsx --conditions=react-server bench/gate.ts
 */
import { benchEntry, runInChild, withBenchDatabase } from "./in-process";

const ITERATIONS = Number(process.env.BENCH_GATE_ITERATIONS ?? 20_000);
const TARGET_MS = 1;

export interface GateFigures {
  p50us: number;
  p99us: number;
}
export interface GateBenchResult {
  local: GateFigures;
  session: GateFigures;
  sessionUncached: GateFigures;
  meets: boolean;
}

function percentiles(samples: number[]): GateFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { p50us: Math.round(at(0.5) * 1000 * 10) / 10, p99us: Math.round(at(0.99) * 1000 * 10) / 10 };
}

async function measure(): Promise<GateBenchResult> {
  return withBenchDatabase("gate", async () => {
    const { check, identify, setGatewayConfigForTests } = await import("../lib/auth/gate");
    const { ruleFor } = await import("../lib/auth/access");
    const { gatewayConfig } = await import("../lib/auth/gateway");
    const { forgetCachedSessions } = await import("../lib/auth/sessions");
    const { suiteSession } = await import("../lib/auth/users");
    const { db } = await import("../lib/db");

    const url = "http://127.0.0.1:3000/api/vms?limit=100";
    const headers = {
      host: "127.0.0.1:3000",
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-host": "127.0.0.1:3000",
    };
    const rule = ruleFor("GET", "/api/vms");
    const time = async (request: () => Request, before?: () => void): Promise<GateFigures> => {
      const samples: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        before?.();
        const started = performance.now();
        const req = request();
        check(req, await identify(req), rule);
        samples.push(performance.now() - started);
      }
      return percentiles(samples.slice(ITERATIONS / 10));
    };

    setGatewayConfigForTests(gatewayConfig({}));
    const local = await time(() => new Request(url, { headers }));
    setGatewayConfigForTests(gatewayConfig({ LAB_AUTH: "on" }));
    const session = await suiteSession("bench", "Viewer", "127.0.0.1");
    const cookie = `lml_session=${session.token}; theme=dark`;
    const signedIn = await time(() => new Request(url, { headers: { ...headers, cookie } }));
    const uncached = await time(
      () => new Request(url, { headers: { ...headers, cookie } }),
      forgetCachedSessions,
    );
    await db.$disconnect();
    return {
      local,
      session: signedIn,
      sessionUncached: uncached,
      meets: (signedIn.p50us - local.p50us) / 1000 < TARGET_MS && uncached.p50us / 1000 < TARGET_MS,
    };
  });
}

/** Runs the measurement in its own process (its own database), prints and stores the figures. */
export function benchGate(): GateBenchResult {
  const result = runInChild<GateBenchResult>("gate");
  const row = (name: string, f: GateFigures) =>
    `  ${name.padEnd(44)} p50 ${f.p50us.toFixed(1).padStart(7)} µs   p99 ${f.p99us.toFixed(1).padStart(7)} µs`;
  console.log(
    `\nGate benchmark: the check before GET /api/vms?limit=100, in process (${ITERATIONS} requests each)`,
  );
  console.log(row("local lab (no session to look up)", result.local));
  console.log(row("needs sign-in, session cookie", result.session));
  console.log(row("needs sign-in, session cookie, cache cleared", result.sessionUncached));
  console.log(
    `  added by the session check at p50: ${((result.session.p50us - result.local.p50us) / 1000).toFixed(3)} ms, ` +
      `${(result.sessionUncached.p50us / 1000).toFixed(3)} ms with a database look-up (target < ${TARGET_MS} ms) ` +
      `${result.meets ? "MET" : "MISSED"}`,
  );
  return result;
}

benchEntry(import.meta.url, measure, benchGate);
