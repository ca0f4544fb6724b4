// The Content-Security-Policy of every page. Scripts need the request's nonce ('strict-dynamic'
// lets Next's own loader add its chunks); styles may be inline attributes, which recharts and
// React's server rendering write (style="..."), but <style> and stylesheets must be the lab's.
// The other security headers are static: next.config.js sends them with every response.

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // React in development rebuilds error stacks with eval; never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
