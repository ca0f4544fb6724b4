import "server-only";
import { ForbiddenError, UnauthorizedError } from "@/lib/http/errors";
import type { AccessRule } from "./access";
import {
  crossSiteRefusal,
  type GatewayConfig,
  gatewayConfig,
  type RequestFacts,
  requestFacts,
  signInRequired,
} from "./gateway";
import { LOCAL_ADMINISTRATOR, meets, type Principal } from "./roles";
import { SESSION_COOKIE, sessionPrincipal } from "./sessions";

// The check every API route runs first (lib/http/respond.ts route()): the Host header, the
// cross-site rules, who is asking, and the role docs/access.md gives the route.

const globalForGateway = globalThis as unknown as { lmlGatewayConfig?: GatewayConfig };

/** The process's LAB_HOST / LAB_AUTH / LAB_CONTROL_API, read once. */
export function currentGatewayConfig(): GatewayConfig {
  globalForGateway.lmlGatewayConfig ??= gatewayConfig();
  return globalForGateway.lmlGatewayConfig;
}

/** For tests: run the gate as if the server had been started with this environment. */
export function setGatewayConfigForTests(config: GatewayConfig | undefined): void {
  globalForGateway.lmlGatewayConfig = config;
}

export function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=") || null;
  }
  return null;
}

export interface Identified {
  principal: Principal | null;
  facts: RequestFacts;
  config: GatewayConfig;
}

/**
 * Who is asking, before any check (the audit log wants it even for a refusal): the session's user
 * when the request has a valid one (on a loopback lab too, so a suite can act as a viewer), else
 * the local administrator where no sign-in is needed, else no one.
 */
export async function identify(request: Request, config = currentGatewayConfig()): Promise<Identified> {
  const facts = requestFacts(request.headers, request.url, config);
  const token = cookieValue(request, SESSION_COOKIE);
  const user = token ? await sessionPrincipal(token) : null;
  if (user) return { principal: user, facts, config };
  return { principal: signInRequired(facts, config) ? null : LOCAL_ADMINISTRATOR, facts, config };
}

/** Throws the 401 or 403 a request earns under its rule (ruleFor; null: not in the table). */
export function check(request: Request, gate: Identified, rule: AccessRule | null): void {
  const { facts, principal, config } = gate;
  const { pathname } = new URL(request.url);
  if (!facts.hostAllowed) {
    throw new ForbiddenError(
      `This lab listens on ${config.host}; a request for host '${request.headers.get("host")}' is refused (DNS rebinding).`,
    );
  }
  const refusal = crossSiteRefusal(request.method, request.headers, facts);
  if (refusal) throw new ForbiddenError(refusal);
  if (!rule) throw new ForbiddenError(`${request.method} ${pathname} is not in the lab's access table.`);
  if (rule.control && !config.controlApi) {
    throw new ForbiddenError("The control API is off. Start the lab with LAB_CONTROL_API=1 to use it.");
  }
  if (!meets(principal?.role ?? null, rule.need)) {
    if (!principal) throw new UnauthorizedError();
    throw new ForbiddenError(
      `${rule.what[0]?.toUpperCase()}${rule.what.slice(1)} needs the ${rule.need} role; ${principal.name} is a ${principal.role}.`,
      { need: rule.need, role: principal.role },
    );
  }
}
