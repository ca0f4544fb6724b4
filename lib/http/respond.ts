import type { z } from "zod";
import { type AccessRule, ruleFor } from "@/lib/auth/access";
import { recordAudit } from "@/lib/auth/audit";
import { check, type Identified, identify } from "@/lib/auth/gate";
import { isMutating, signInRequired } from "@/lib/auth/gateway";
import type { Principal } from "@/lib/auth/roles";
import { parseRouteId } from "@/lib/schemas/common";
import {
  BadRequestError,
  DomainError,
  ERROR_STATUS,
  type ErrorCode,
  type FieldIssue,
  fromPrismaError,
  ValidationError,
} from "./errors";

export function json(body: unknown, init?: number | ResponseInit): Response {
  const options = typeof init === "number" ? { status: init } : init;
  return Response.json(body, options);
}

/**
 * Code bundled apart from the route (the migration service starts in instrumentation.ts, with its
 * own copy of errors.ts) throws DomainErrors that fail instanceof: know them by their code.
 */
function domainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (!(error instanceof Error) || !("code" in error)) return undefined;
  const { code, details } = error as { code: unknown; details?: unknown };
  if (typeof code !== "string" || !Object.hasOwn(ERROR_STATUS, code)) return undefined;
  return new DomainError(code as ErrorCode, error.message, details);
}

export function errorResponse(error: unknown): Response {
  const known = domainError(error) ?? fromPrismaError(error);
  if (known) return json(known.toBody(), known.status);
  console.error(error);
  return json(
    { error: { code: "internal", message: "The server could not complete the request.", status: 500 } },
    500,
  );
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // An unknown field is reported at its own path, so a form or a script knows which one.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...path, key].join("."), message: "Unknown field." }));
    }
    return [{ path: path.join("."), message: issue.message }];
  });
}

/** Parses a JSON body: 400 when it is not JSON, 422 with the field paths when it breaks the schema. */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new BadRequestError("The request body must be a JSON object.");
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new ValidationError("The request has invalid fields.", zodIssues(result.error));
  return result.data;
}

/** Parses the query string; every problem is a 400 with the parameter names. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new BadRequestError("The query string has invalid parameters.", zodIssues(result.error));
  }
  return result.data;
}

/** Route ids are positive integers; anything else is an unknown id (404), as for a missing row. */
export function parseId(resource: string, raw: string): number {
  const id = parseRouteId(raw);
  if (id === null) {
    throw new DomainError("not_found", `${resource} ${raw} was not found.`, { resource, id: raw });
  }
  return id;
}

type RouteContext<P> = { params: Promise<P> };

/** What a handler knows of the request besides its params: who asked, and from where. */
export interface Caller {
  /** Who asked; on a route open to anyone with no one signed in, an anonymous Viewer (see signedIn). */
  principal: Principal;
  signedIn: boolean;
  /** This request would need a session (a network address, a proxy, or LAB_AUTH=on). */
  signInRequired: boolean;
  address: string;
  /** The cookie should say Secure (served over HTTPS). */
  secure: boolean;
  /** What the audit entry should say beyond the request (a sign-in names its user). */
  audit: { principal?: Principal; claimedName?: string; target?: string };
}

/**
 * Wraps a handler: the gate first (Host, cross-site rules, session and the route's role from
 * docs/access.md), every thrown error as the envelope, and every change or refused attempt
 * in the audit log.
 */
export function route<P = Record<string, string>>(
  handler: (request: Request, params: P, caller: Caller) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    let gate: Identified | null = null;
    let rule: AccessRule | null = null;
    const audit: Caller["audit"] = {};
    let response: Response;
    try {
      rule = ruleFor(request.method, new URL(request.url).pathname);
      gate = await identify(request);
      check(request, gate, rule);
      // Past check(), only a route open to anyone can have no principal.
      const principal = gate.principal ?? ANONYMOUS;
      response = await handler(request, await context.params, {
        principal,
        signedIn: gate.principal !== null,
        signInRequired: signInRequired(gate.facts, gate.config),
        address: gate.facts.address,
        secure: gate.facts.secure,
        audit,
      });
    } catch (error) {
      response = errorResponse(error);
    }
    if (isMutating(request.method) || response.status === 401 || response.status === 403) {
      await auditResponse(request, gate, rule, audit, response);
    }
    return response;
  };
}

const ANONYMOUS: Principal = { kind: "user", userId: null, name: "anonymous", role: "Viewer" };

async function auditResponse(
  request: Request,
  gate: Identified | null,
  rule: AccessRule | null,
  audit: Caller["audit"],
  response: Response,
): Promise<void> {
  let message: string | undefined;
  if (response.status >= 400) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { error?: { message?: string } } | null;
    message = body?.error?.message;
  }
  try {
    await recordAudit({
      principal: audit.principal ?? gate?.principal ?? null,
      ...(audit.claimedName ? { claimedName: audit.claimedName } : {}),
      ...(audit.target ? { target: audit.target } : {}),
      action: rule?.action ?? (isMutating(request.method) ? "request" : "read"),
      method: request.method,
      path: new URL(request.url).pathname,
      address: gate?.facts.address ?? "unknown",
      status: response.status,
      ...(message ? { message } : {}),
    });
  } catch (error) {
    console.error("could not write the audit log", error);
  }
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route does not have: 405 in the envelope with an Allow header,
 * where Next alone would answer an empty 405. Use: `export const { PUT, DELETE } = otherMethods(["GET"])`.
 */
export function otherMethods(allowed: Method[]): Record<Method, (request: Request) => Response> {
  const allow = allowed.join(", ");
  const handler = (request: Request) =>
    json(
      {
        error: {
          code: "method_not_allowed",
          message: `${request.method} is not supported here; use ${allow}.`,
          status: 405,
        },
      },
      { status: 405, headers: { Allow: allow } },
    );
  return Object.fromEntries(METHODS.map((m) => [m, handler])) as Record<
    Method,
    (request: Request) => Response
  >;
}
