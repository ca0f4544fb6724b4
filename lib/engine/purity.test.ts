import { describe, expect, it } from "vitest";

/** The engine stays pure: no Node, Next, Prisma, clock, Math.random or timers; nothing of the project. */

const raw = import.meta.glob<string>("./*.ts", { query: "?raw", import: "default", eager: true });
// Comments may name what is forbidden ("never touches Math.random"); only code counts.
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
const sources = Object.entries(raw)
  .filter(([path]) => !path.endsWith(".test.ts"))
  .map(([path, text]) => [path, code(text)] as const);

const FORBIDDEN = [
  /from\s+["'](node:|fs|path|os|child_process|next|@prisma|prisma|server-only|react)/,
  /from\s+["'](@\/|\.\.\/)/,
  /\brequire\(/,
  /\bDate\b/,
  /Math\.random/,
  /\b(setTimeout|setInterval|setImmediate|queueMicrotask|performance)\b/,
  /\bprocess\./,
];

describe("engine purity", () => {
  it("finds the engine's sources", () => {
    expect(sources.map(([p]) => p)).toContain("./simulation.ts");
  });

  it.each(sources)("%s imports and calls nothing impure", (_path, text) => {
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
  });
});
