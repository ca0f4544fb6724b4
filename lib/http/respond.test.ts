import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  BadRequestError,
  ConflictError,
  DomainError,
  fromPrismaError,
  NotFoundError,
  PreconditionError,
  ValidationError,
} from "./errors";
import { errorResponse, json, parseBody, parseId, parseQuery, route } from "./respond";

const Body = z.strictObject({
  name: z.string().min(1),
  nested: z.strictObject({ n: z.number() }).optional(),
});

function post(body: string): Request {
  return new Request("http://localhost/api", {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });
}
async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the error envelope", () => {
  it.each([
    [new BadRequestError("b"), "bad_request", 400],
    [new ValidationError("v", []), "validation_failed", 422],
    [new NotFoundError("Host", 7), "not_found", 404],
    [new ConflictError("c"), "conflict", 409],
    [new PreconditionError("p"), "precondition_failed", 409],
  ] as const)("%o answers %s %i", async (error, code, status) => {
    const res = errorResponse(error);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(body.error).toMatchObject({ code, status, message: error.message });
    expect(Object.keys(body)).toEqual(["error"]);
  });

  it("includes details only when there are some", async () => {
    expect((await errorResponse(new ConflictError("c")).json()).error).not.toHaveProperty("details");
    expect((await errorResponse(new NotFoundError("Host", 7)).json()).error).toEqual({
      code: "not_found",
      message: "Host 7 was not found.",
      status: 404,
      details: { resource: "Host", id: 7 },
    });
  });

  it("names error classes after themselves", () => {
    expect(new PreconditionError("x").name).toBe("PreconditionError");
    expect(new PreconditionError("x")).toBeInstanceOf(DomainError);
  });

  it("knows a DomainError from another bundle's copy of errors.ts by its code", async () => {
    const report = { vm: "APP01", canMove: false };
    const foreign = Object.assign(new Error("No credentials (0x8009030E)."), {
      code: "migration_blocked",
      details: { report },
    });
    const res = errorResponse(foreign);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toEqual({
      code: "migration_blocked",
      message: "No credentials (0x8009030E).",
      status: 422,
      details: { report },
    });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(errorResponse(Object.assign(new Error("x"), { code: "ENOENT" })).status).toBe(500);
    expect(errorResponse(Object.assign(new Error("x"), { code: "toString" })).status).toBe(500);
  });

  it("hides unknown errors behind a 500 without their message", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = errorResponse(new Error("SQLITE_CORRUPT at /var/secret.db"));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({
      error: { code: "internal", message: "The server could not complete the request.", status: 500 },
    });
    expect(JSON.stringify(body)).not.toContain("secret");
  });
});

describe("Prisma's known errors", () => {
  it("P2025 (record not found) is a 404", async () => {
    const res = errorResponse(Object.assign(new Error("x"), { code: "P2025" }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });
  it("P2002 (unique constraint) is a 409 naming the columns", async () => {
    const res = errorResponse(Object.assign(new Error("x"), { code: "P2002", meta: { target: ["name"] } }));
    expect(res.status).toBe(409);
    expect((await res.json()).error).toEqual({
      code: "conflict",
      message: "An object with that name already exists.",
      status: 409,
      details: { target: ["name"] },
    });
  });
  it("P2003 (foreign key) is a 409", () => {
    expect(fromPrismaError({ code: "P2003" })?.status).toBe(409);
  });
  it("anything else is not recognised", () => {
    expect(fromPrismaError({ code: "P1001" })).toBeUndefined();
    expect(fromPrismaError(null)).toBeUndefined();
    expect(fromPrismaError("P2025")).toBeUndefined();
    expect(fromPrismaError(new Error("x"))).toBeUndefined();
  });
});

describe("json", () => {
  it("takes a status or a ResponseInit", async () => {
    expect(json({ a: 1 }).status).toBe(200);
    expect(json({ a: 1 }, 201).status).toBe(201);
    const res = json({ a: 1 }, { status: 202, headers: { "x-y": "z" } });
    expect(res.status).toBe(202);
    expect(res.headers.get("x-y")).toBe("z");
    expect(await res.json()).toEqual({ a: 1 });
  });
});

describe("parseBody", () => {
  it("returns the parsed body", async () => {
    expect(await parseBody(post('{"name":"HV5"}'), Body)).toEqual({ name: "HV5" });
  });

  it.each(["", "{", "name=HV5", "{'name':'x'}"])(
    "answers 400 for a body that is not JSON: %j",
    async (text) => {
      const error = await caught(() => parseBody(post(text), Body));
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as DomainError).status).toBe(400);
    },
  );

  it("answers 422 with the zod paths, nested ones dotted", async () => {
    const error = (await caught(() =>
      parseBody(post('{"name":"","nested":{"n":"x"},"extra":1}'), Body),
    )) as DomainError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    const details = error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path).sort()).toEqual(["extra", "name", "nested.n"]);
    expect(details.every((d) => d.message.length > 0)).toBe(true);
  });

  it("treats JSON that is not an object as invalid fields (422)", async () => {
    for (const text of ["null", "[]", "42", '"x"']) {
      expect(((await caught(() => parseBody(post(text), Body))) as DomainError).status).toBe(422);
    }
  });
});

describe("parseQuery", () => {
  const Q = z.strictObject({ limit: z.coerce.number().int().min(1).max(10).default(5) });
  it("parses the search parameters", () => {
    expect(parseQuery(new Request("http://localhost/api?limit=7"), Q)).toEqual({ limit: 7 });
    expect(parseQuery(new Request("http://localhost/api"), Q)).toEqual({ limit: 5 });
  });
  it("answers 400 (not 422) with the parameter names", () => {
    const error = (() => {
      try {
        parseQuery(new Request("http://localhost/api?limit=abc&other=1"), Q);
      } catch (e) {
        return e as DomainError;
      }
      throw new Error("expected a throw");
    })();
    expect(error.status).toBe(400);
    expect((error.details as { path: string }[]).map((d) => d.path).sort()).toEqual(["limit", "other"]);
  });
});

describe("parseId", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["2147483647", 2147483647],
    // Beyond SQLite's ids but harmless: the lookup finds nothing and answers 404 (route tests).
    ["9999999999", 9999999999],
  ])("accepts %s", (raw, id) => {
    expect(parseId("Host", raw)).toBe(id);
  });

  it.each(["0", "-1", "01", "1.0", "1e3", "abc", "", " 1", "0x10", "12345678901", "99999999999999999999"])(
    "answers 404 for %j",
    (raw) => {
      const error = (() => {
        try {
          parseId("Host", raw);
        } catch (e) {
          return e as DomainError;
        }
        throw new Error("expected a throw");
      })();
      expect(error.status).toBe(404);
      expect(error.toBody().error).toMatchObject({
        code: "not_found",
        message: `Host ${raw} was not found.`,
      });
    },
  );
});

describe("route", () => {
  it("passes the awaited params to the handler", async () => {
    const handler = route<{ id: string }>(async (_req, { id }) => json({ id }));
    const res = await handler(new Request("http://localhost/api/health"), {
      params: Promise.resolve({ id: "9" }),
    });
    expect(await res.json()).toEqual({ id: "9" });
  });

  it("turns a domain error into the envelope", async () => {
    const handler = route(async () => {
      throw new ConflictError("HV1 still owns 5 virtual machine(s).", { vms: 5 });
    });
    const res = await handler(new Request("http://localhost/api/health"), { params: Promise.resolve({}) });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: {
        code: "conflict",
        message: "HV1 still owns 5 virtual machine(s).",
        status: 409,
        details: { vms: 5 },
      },
    });
  });

  it("turns a Prisma P2025 into a 404 and anything else into a 500", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const p2025 = route(async () => {
      throw Object.assign(new Error("No record"), { code: "P2025" });
    });
    expect(
      (await p2025(new Request("http://localhost/api/health"), { params: Promise.resolve({}) })).status,
    ).toBe(404);
    const boom = route(async () => {
      throw new TypeError("boom");
    });
    expect(
      (await boom(new Request("http://localhost/api/health"), { params: Promise.resolve({}) })).status,
    ).toBe(500);
  });

  it("catches a rejected params promise too", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const handler = route(async () => json({}));
    const res = await handler(new Request("http://localhost/api/health"), {
      params: Promise.reject(new Error("no params")),
    });
    expect(res.status).toBe(500);
  });
});
