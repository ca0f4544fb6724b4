// Where the lab listens and what that means for a request: on a loopback address the single
// local user is an administrator with no sign-in; anywhere else, or behind a reverse proxy, every
// request needs a session. Pure: the proxy, the route wrapper and the start script share it.
import { z } from "zod";

/** The session cookie's name (lib/auth/sessions.ts sets it; proxy.ts only looks for it). */
export const SESSION_COOKIE = "lml_session";

export interface GatewayConfig {
  /** The address the server listens on (LAB_HOST, default 127.0.0.1). */
  host: string;
  /** LAB_AUTH=on: sign-in even on a loopback address. */
  authOn: boolean;
  /** LAB_CONTROL_API=1: the lab's control endpoints answer (never on their own on a network address). */
  controlApi: boolean;
}

const Host = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9.:[\]-]{1,253}$/,
    "LAB_HOST must be an address or host name such as 127.0.0.1 or 0.0.0.0.",
  );
const Switch = (name: string) =>
  z.enum(["on", "off", "1", "0", "true", "false", ""], {
    error: `${name} must be on or off (or 1 or 0).`,
  });

/** Reads LAB_HOST, LAB_AUTH and LAB_CONTROL_API; a bad value throws with the variable named. */
export function gatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const host = Host.safeParse(env.LAB_HOST?.trim() || "127.0.0.1");
  if (!host.success) throw new Error(host.error.issues[0]?.message);
  const on = (name: string): boolean => {
    const value = Switch(name).safeParse((env[name] ?? "").trim().toLowerCase());
    if (!value.success) throw new Error(value.error.issues[0]?.message);
    return value.data === "on" || value.data === "1" || value.data === "true";
  };
  return { host: host.data, authOn: on("LAB_AUTH"), controlApi: on("LAB_CONTROL_API") };
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The name part of a Host header ("localhost:3000" -> "localhost", "[::1]:3000" -> "[::1]"). */
function hostName(hostHeader: string): string {
  const v = hostHeader.trim().toLowerCase();
  if (v.startsWith("[")) return v.slice(0, v.indexOf("]") + 1);
  return v.replace(/:\d+$/, "");
}

export interface RequestFacts {
  /** Came straight from this machine to a loopback-bound server, not through a proxy. */
  local: boolean;
  /** The Host header names this machine (always true on a network address). */
  hostAllowed: boolean;
  /** The client's address as far as the lab can tell (the proxy's X-Forwarded-For when proxied). */
  address: string;
  /** Served over HTTPS (directly, or as the proxy says). */
  secure: boolean;
  /** scheme://host of the lab as the browser sees it. */
  origin: string;
}

/**
 * What the headers say of a request. Next fills in X-Forwarded-For with the socket's address and
 * X-Forwarded-Host with the Host header when a client sends none, so a request is "proxied" when
 * it carries Forwarded or X-Real-IP, a non-loopback X-Forwarded-For, or an X-Forwarded-Host other
 * than its Host.
 */
export function requestFacts(headers: Headers, url: string, config: GatewayConfig): RequestFacts {
  const host = headers.get("host") ?? new URL(url).host;
  const forwardedFor = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const forwardedHost = headers.get("x-forwarded-host");
  const proxied =
    headers.has("forwarded") ||
    headers.has("x-real-ip") ||
    forwardedFor.some((a) => !isLoopbackHost(a.replace(/^::ffff:/, ""))) ||
    (forwardedHost !== null && forwardedHost.toLowerCase() !== host.toLowerCase());
  const loopbackBind = isLoopbackHost(config.host);
  const proto = (headers.get("x-forwarded-proto") ?? new URL(url).protocol.replace(":", ""))
    .split(",")[0]
    ?.trim();
  const publicHost = proxied && forwardedHost ? forwardedHost : host;
  return {
    local: loopbackBind && !proxied,
    hostAllowed: !loopbackBind || proxied || isLoopbackHost(hostName(host)),
    address: forwardedFor[0] ?? (loopbackBind ? "127.0.0.1" : "unknown"),
    secure: proto === "https",
    origin: `${proto === "https" ? "https" : "http"}://${publicHost.toLowerCase()}`,
  };
}

/** Does this request need a session? Only a direct local request to a lab without LAB_AUTH=on does not. */
export function signInRequired(facts: RequestFacts, config: GatewayConfig): boolean {
  return !(facts.local && !config.authOn);
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const isMutating = (method: string): boolean => MUTATING.has(method.toUpperCase());

/**
 * Why a mutating request looks cross-site, or null. A body must be JSON (an HTML form cannot send
 * that), and Origin and Sec-Fetch-Site, when present, must say the lab itself. Requests with
 * neither (curl, scripts, API clients) are not cross-site.
 */
export function crossSiteRefusal(method: string, headers: Headers, facts: RequestFacts): string | null {
  if (!isMutating(method)) return null;
  const type = headers.get("content-type");
  const length = headers.get("content-length");
  const hasBody = type !== null || (length !== null && length !== "0") || headers.has("transfer-encoding");
  if (hasBody && !/^application\/json\s*(;|$)/i.test(type ?? "")) {
    return "Requests that change the lab must send JSON (Content-Type: application/json).";
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return `A ${site} request cannot change the lab.`;
  }
  const origin = headers.get("origin");
  if (origin !== null && origin.toLowerCase() !== facts.origin) {
    return `Requests from ${origin} cannot change the lab.`;
  }
  return null;
}
