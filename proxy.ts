import { NextResponse, type NextRequest } from "next/server";

// Not an authorisation layer (every page and route checks the session itself): it only passes
// the requested path on, so a page can send a signed-out user back here after sign-in.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-signet-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)"],
};
