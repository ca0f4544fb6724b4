import type { z } from "zod";
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

/** Wraps a handler so that every thrown error becomes the envelope. */
export function route<P = Record<string, string>>(
  handler: (request: Request, params: P) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
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
