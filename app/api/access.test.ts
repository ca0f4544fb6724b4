// The access table against the route files on disk, and every route called as each role.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS, type Method, ruleFor } from "@/lib/auth/access";
import { setGatewayConfigForTests } from "@/lib/auth/gate";
import { gatewayConfig } from "@/lib/auth/gateway";
import { ROLES, type Role } from "@/lib/auth/roles";
import { suiteSession } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { idOf, seedDemo } from "@/lib/testing/seed";

const API = path.dirname(fileURLToPath(import.meta.url));
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every app/api/**\/route.ts as the path it serves ([id] -> :id), the catch-all left out. */
function routeFiles(dir = API, prefix = "/api"): { path: string; file: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("[...")) return [];
      const segment = entry.name.startsWith("[") ? ":id" : entry.name;
      return routeFiles(path.join(dir, entry.name), `${prefix}/${segment}`);
    }
    return entry.name === "route.ts" ? [{ path: prefix, file: path.join(dir, entry.name) }] : [];
  });
}

/** The methods a route file really serves: exported, and not through otherMethods' 405. */
function servedMethods(file: string): Method[] {
  const text = readFileSync(file, "utf8");
  const unserved = new Set(
    [...text.matchAll(/export const \{([^}]*)\} = otherMethods/g)].flatMap((m) =>
      (m[1] ?? "").split(",").map((s) => s.trim()),
    ),
  );
  return METHODS.filter((m) => new RegExp(`export const ${m}\\b`).test(text) && !unserved.has(m));
}

const routes = routeFiles();
const MISSING = "999999";
/** Sign-out last: it ends the session the other calls use. */
const RULES = [...ACCESS].sort((a, b) => Number(a.action === "sign-out") - Number(b.action === "sign-out"));

describe("the access table", () => {
  it("has a rule for every method every route file serves", () => {
    const missing = routes.flatMap(({ path: p, file }) =>
      servedMethods(file)
        .filter((m) => ruleFor(m, p.replace(/:id/g, "1")) === null)
        .map((m) => `${m} ${p}`),
    );
    expect(missing).toEqual([]);
  });
  it("names only routes that exist", () => {
    const served = new Set(
      routes.flatMap(({ path: p, file }) => servedMethods(file).map((m) => `${m} ${p}`)),
    );
    expect(ACCESS.map((r) => `${r.method} ${r.path}`).filter((key) => !served.has(key))).toEqual([]);
  });
  it("is printed in docs/access.md as it is (npm run docs:access writes it)", async () => {
    const { accessMarkdown } = await import("@/scripts/access-doc");
    const doc = readFileSync(path.join(API, "..", "..", "docs", "access.md"), "utf8");
    expect(doc).toBe(accessMarkdown());
  });
});

/** Calls a rule's route with a cookie and a harmless body; the gate answers before the handler acts. */
async function call(
  rule: (typeof ACCESS)[number],
  cookie: string | null,
  extra: Record<string, string> = {},
) {
  const url = `http://localhost${rule.path.replace(":id", String(idOf("vms", "WEB01")))}`;
  const file = routes.find((r) => r.path === rule.path)?.file;
  if (!file) throw new Error(`no route file for ${rule.path}`);
  const module = (await import(file)) as Record<Method, Handler>;
  const handler = module[rule.method];
  const body = rule.method === "GET" || rule.method === "DELETE" ? undefined : "{}";
  const request = new Request(url, {
    method: rule.method,
    ...(body ? { body } : {}),
    headers: {
      ...(body ? { "content-type": "application/json" } : {}),
      ...(cookie ? { cookie } : {}),
      ...extra,
    },
  });
  return handler(request, { params: Promise.resolve({ id: MISSING }) });
}

describe("every route, called as each role on a lab that needs sign-in", () => {
  const cookies = new Map<Role, string>();
  const refused = new Map<Role | "anonymous", number>();

  beforeAll(async () => {
    await seedDemo();
    setGatewayConfigForTests(gatewayConfig({ LAB_AUTH: "on", LAB_CONTROL_API: "1" }));
    for (const role of ROLES) {
      const session = await suiteSession(`suite-${role.toLowerCase()}`, role, "127.0.0.1");
      cookies.set(role, `lml_session=${session.token}`);
    }
  });
  afterAll(() => {
    setGatewayConfigForTests(undefined);
    // The figures for the note: how many routes each role is refused.
    console.log(`routes refused per role (of ${ACCESS.length}):`, Object.fromEntries(refused));
  });

  it("refuses an anonymous caller everything but the sign-in routes, with 401", async () => {
    let count = 0;
    for (const rule of RULES) {
      const res = await call(rule, null);
      if (rule.need === "Anonymous") expect(res.status, `${rule.method} ${rule.path}`).not.toBe(401);
      else {
        expect(res.status, `${rule.method} ${rule.path}`).toBe(401);
        count++;
      }
    }
    refused.set("anonymous", count);
  });

  for (const role of ROLES) {
    it(`refuses a ${role} with 403 exactly the routes above the role, and changes nothing`, async () => {
      const before = await db.migration.count();
      let count = 0;
      for (const rule of RULES) {
        const res = await call(rule, cookies.get(role) ?? null);
        const above = rule.need !== "Anonymous" && ROLES.indexOf(rule.need) > ROLES.indexOf(role);
        if (above) {
          expect(res.status, `${role}: ${rule.method} ${rule.path}`).toBe(403);
          expect((await res.json()).error.code).toBe("forbidden");
          count++;
        } else {
          expect([401, 403], `${role}: ${rule.method} ${rule.path}`).not.toContain(res.status);
        }
      }
      refused.set(role, count);
      expect(await db.migration.count()).toBe(before);
    });
  }

  it("refuses every mutating route to a viewer", async () => {
    const viewer = await suiteSession("suite-viewer-2", "Viewer", "127.0.0.1");
    const mutating = ACCESS.filter(
      (r) => r.method !== "GET" && r.need !== "Anonymous" && r.need !== "Viewer",
    );
    for (const rule of mutating) expect((await call(rule, `lml_session=${viewer.token}`)).status).toBe(403);
  });
});

describe("cross-site requests", () => {
  beforeAll(seedDemo);

  it("refuses the text/plain cross-origin move and starts nothing", async () => {
    const { POST } = await import("@/app/api/migrations/route");
    const before = await db.migration.count();
    const res = await POST(
      new Request("http://localhost:3000/api/migrations", {
        method: "POST",
        headers: { "content-type": "text/plain", origin: "http://evil.example", host: "localhost:3000" },
        body: JSON.stringify({
          vmId: idOf("vms", "WEB01"),
          kind: "live",
          destinationHostId: "best",
          startedFrom: "admin-center",
        }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "forbidden", status: 403 });
    expect(await db.migration.count()).toBe(before);
    const audit = await db.auditEntry.findFirst({ orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ action: "migration.start", outcome: "refused", status: 403 });
  });

  it("refuses a request whose Host is not a local name (DNS rebinding)", async () => {
    const { GET } = await import("@/app/api/vms/route");
    const res = await GET(
      new Request("http://rebound.example/api/vms", { headers: { host: "rebound.example" } }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(res.status).toBe(403);
  });
});
