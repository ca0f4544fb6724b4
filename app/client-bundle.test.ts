import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// What a page ships to the browser on its first load: from each page and layout (server
// components), the client components they import, and everything those import statically. The chart
// library and the validation library must not be in it: charts load through next/dynamic where they
// are drawn, the Move pane (which validates its fields with the API's schemas) loads when it opens,
// and the value lists the browser needs come from lib/schemas/values.ts, which has no zod.
// A dynamic import() is a split point and is not followed.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HEAVY = ["zod", "recharts"];
/**
 * Pages that are one form checked field by field against its route's own schema, as the user types:
 * zod is what they are for. No chart may reach them either.
 */
const FORM_PAGES = new Set(["app/servers/[id]/settings/page.tsx"]);

function sourceOf(file: string): string {
  return readFileSync(file, "utf8");
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The modules a file imports at run time: `import type`, and imports of types only, are erased. */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*"([^"]+)"|^\s*import\s+"([^"]+)"/gm;
  for (const match of source.matchAll(statement)) {
    const [, , typeOnly, clause = "", from, bare] = match;
    if (bare) {
      found.push(bare);
      continue;
    }
    if (typeOnly || !from) continue;
    const braces = /^\{([^}]*)\}$/.exec(clause.trim());
    if (braces) {
      const names = (braces[1] ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length > 0 && names.every((n) => n.startsWith("type "))) continue;
    }
    found.push(from);
  }
  return found;
}

const isClient = (source: string) => /^\s*["']use client["'];?/.test(source);

/** The heavy packages a page's first load reaches, each with the import chain that brings it. */
function heavyReached(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, client: boolean, chain: string[]) => {
    const key = `${file}|${client}`;
    if (seen.has(key)) return;
    seen.add(key);
    const source = sourceOf(file);
    const inClient = client || isClient(source);
    for (const specifier of runtimeImports(source)) {
      if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("@/")) {
        const next = resolveLocal(file, specifier);
        if (next) walk(next, inClient, [...chain, path.relative(ROOT, next)]);
        continue;
      }
      const pkg = HEAVY.find((name) => specifier === name || specifier.startsWith(`${name}/`));
      if (pkg && inClient && !reached.has(pkg)) reached.set(pkg, chain);
    }
  };
  walk(entry, false, [path.relative(ROOT, entry)]);
  return reached;
}

function pagesAndLayouts(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "api") out.push(...pagesAndLayouts(full));
    } else if (/^(page|layout|loading|error|not-found)\.tsx$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

describe("the browser's first load", () => {
  const entries = pagesAndLayouts(path.join(ROOT, "app"));

  it("finds the app's pages", () => {
    expect(entries.map((e) => path.relative(ROOT, e))).toContain("app/page.tsx");
    expect(entries.length).toBeGreaterThan(10);
  });

  it.each(entries.map((e) => [path.relative(ROOT, e), e]))(
    "%s ships neither zod nor recharts",
    (name, entry) => {
      const reached = heavyReached(entry);
      if (FORM_PAGES.has(name)) reached.delete("zod");
      const chains = [...reached].map(([pkg, chain]) => `${pkg} through ${chain.join(" -> ")}`);
      expect(chains).toEqual([]);
    },
  );

  it("lists only form pages that exist", () => {
    const names = new Set(entries.map((e) => path.relative(ROOT, e)));
    expect([...FORM_PAGES].filter((p) => !names.has(p))).toEqual([]);
  });
});

describe("runtimeImports", () => {
  it("drops type-only imports and keeps the rest", () => {
    const source = [
      'import type { A } from "./a";',
      'import { type B, type C } from "./b";',
      'import { type D, E } from "./d";',
      'import F from "./f";',
      'export { G } from "./g";',
      'export type { H } from "./h";',
      'import "./side-effect.css";',
      'const lazy = import("./lazy");',
    ].join("\n");
    expect(runtimeImports(source)).toEqual(["./d", "./f", "./g", "./side-effect.css"]);
  });
});
