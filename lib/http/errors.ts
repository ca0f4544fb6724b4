// One error envelope for the whole API: { error: { code, message, status, details? } }.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  too_many_requests: 429,
  validation_failed: 422,
  migration_blocked: 422,
  not_found: 404,
  conflict: 409,
  precondition_failed: 409,
  method_not_allowed: 405,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; status: number; details?: unknown };
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        status: this.status,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("bad_request", message, details);
  }
}
export class ValidationError extends DomainError {
  constructor(message: string, details?: FieldIssue[]) {
    super("validation_failed", message, details);
  }
}
export class NotFoundError extends DomainError {
  constructor(resource: string, id: string | number) {
    super("not_found", `${resource} ${id} was not found.`, { resource, id });
  }
}
export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("conflict", message, details);
  }
}
/** The request is well formed but the object's state does not allow it (Hyper-V's state rules). */
export class PreconditionError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("precondition_failed", message, details);
  }
}

/** No session where one is needed (the lab listens on a network address, or LAB_AUTH=on). */
export class UnauthorizedError extends DomainError {
  constructor(message = "Sign in to use the lab from here.") {
    super("unauthorized", message);
  }
}
/** Signed in, but the role does not allow it; or a request that looks cross-site. */
export class ForbiddenError extends DomainError {
  constructor(message: string, details?: unknown) {
    super("forbidden", message, details);
  }
}
/** Too many failed sign-ins for this account or address; details.retryAfterSeconds says how long. */
export class TooManyRequestsError extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super("too_many_requests", message, { retryAfterSeconds });
  }
}

/** Preflight found errors (Compare-VM incompatibilities): details carry the whole report. */
export class MigrationBlockedError extends DomainError {
  constructor(message: string, details: { report: unknown }) {
    super("migration_blocked", message, details);
  }
}

/** Prisma's known errors, recognised by their code without importing Prisma here. */
export function fromPrismaError(error: unknown): DomainError | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code, meta } = error as { code: unknown; meta?: { target?: unknown; modelName?: unknown } };
  if (code === "P2025") return new DomainError("not_found", "The record was not found.");
  if (code === "P2002") {
    return new ConflictError("An object with that name already exists.", { target: meta?.target });
  }
  if (code === "P2003") return new ConflictError("Other objects still refer to this one.");
  return undefined;
}

/**
 * The refusal of an address whose path has a malformed %-escape ("%ZZ"): Next fails to decode
 * such a path with a 500, so the proxy and the lab's own server answer it first.
 */
export function malformedPathError(pathname: string): BadRequestError | undefined {
  try {
    decodeURIComponent(pathname);
    return undefined;
  } catch {
    return new BadRequestError(
      "The address has a malformed %-escape (a % must be followed by two hex digits).",
      {
        path: pathname,
      },
    );
  }
}

/**
 * The methods the lab answers. Next answers any other (TRACE, ...) with a 500 before the proxy
 * runs, so the lab's own server refuses them first (lib/http/native.ts).
 */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** The envelope for a method the lab does not answer at all, or undefined for one it does. */
export function unknownMethodResponse(method: string): Response | undefined {
  if ((HTTP_METHODS as readonly string[]).includes(method.toUpperCase())) return undefined;
  const allow = HTTP_METHODS.join(", ");
  return Response.json(
    {
      error: {
        code: "method_not_allowed",
        message: `${method} is not a method this lab answers; use ${allow}.`,
        status: 405,
      },
    } satisfies ErrorBody,
    { status: 405, headers: { Allow: allow } },
  );
}
