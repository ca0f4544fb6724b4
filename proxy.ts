import { type NextRequest, NextResponse } from "next/server";
import { gatewayConfig, requestFacts, SESSION_COOKIE, signInRequired } from "@/lib/auth/gateway";
import { contentSecurityPolicy } from "@/lib/auth/headers";
import { malformedPathError } from "@/lib/http/errors";

// Every page request: a fresh CSP nonce (Next puts it on its own scripts), the Host check of a
// loopback lab, and the sign-in page for a browser that needs a session and has none. The API
// routes run the full gate themselves (lib/auth/gate.ts); this only spares them a page.

const gateway = gatewayConfig();
const PUBLIC_PAGES = ["/sign-in", "/set-password"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const malformed = malformedPathError(pathname);
  if (malformed) return NextResponse.json(malformed.toBody(), { status: malformed.status });
  const facts = requestFacts(request.headers, request.url, gateway);
  if (!facts.hostAllowed) {
    return new NextResponse("This lab answers only to localhost, 127.0.0.1 or [::1] (DNS rebinding).", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const isPage = !pathname.startsWith("/api/");
  if (
    isPage &&
    signInRequired(facts, gateway) &&
    !request.cookies.has(SESSION_COOKIE) &&
    !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))
  ) {
    const target = new URL("/sign-in", request.url);
    target.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(target);
  }
  if (!isPage) return NextResponse.next();
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|icon.svg|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
