import { NextResponse, type NextRequest } from "next/server";

// Not an authorisation layer (every page and route checks the session itself). It passes the
// requested path on, so a page can send a signed-out user back here after sign-in, and sets a
// Content-Security-Policy with a fresh nonce per request: Next reads the nonce from the request's
// CSP header and puts it on its own scripts, so no inline script without it runs.

export function contentSecurityPolicy(nonce: string, { isDev }: { isDev: boolean }) {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced bootstrap loads are trusted; nothing else is
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // React and the chart library set style attributes; styles cannot run code
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { isDev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-signet-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)"],
};
