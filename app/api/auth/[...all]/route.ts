import { toNextJsHandler } from "better-auth/next-js";
import { NextResponse, type NextRequest } from "next/server";
import { getAuth } from "@/lib/auth/auth";
import {
  accountRetryAfterMs,
  clearFailedSignIns,
  normaliseEmail,
  recordFailedSignIn,
  recordThrottledSignIn,
} from "@/lib/auth/sign-in-throttle";
import { forwardedClientIp } from "@/lib/http/client-ip";

// Only the sign-in flows are exposed. Account and role management goes through Signet's own
// audited admin routes, never through the auth library's endpoints.
// better-auth 1.7 starts OIDC sign-in at /sign-in/social and finishes it at /callback/:id; the
// redirect URI registered at the identity provider is /oauth2/callback/:id (see OIDC_CALLBACK_PATH),
// mapped onto the library's path below so the documented URI stays stable across library versions.
const ALLOWED = [
  /^\/api\/auth\/sign-in\/email$/,
  /^\/api\/auth\/sign-in\/social$/,
  /^\/api\/auth\/oauth2\/callback\/[\w-]+$/,
  /^\/api\/auth\/sign-out$/,
  /^\/api\/auth\/get-session$/,
  /^\/api\/auth\/error$/,
  /^\/api\/auth\/ok$/,
];
const OAUTH2_CALLBACK = /^\/api\/auth\/oauth2\/callback\/([\w-]+)$/;

function notFound() {
  return NextResponse.json({ error: { code: "not_found", message: "Not found" } }, { status: 404 });
}

function guarded(method: "GET" | "POST") {
  return async (req: NextRequest) => {
    const { pathname } = req.nextUrl;
    if (!ALLOWED.some((re) => re.test(pathname))) return notFound();
    // /sign-in/social would also accept an ID token posted by the browser (sign-in without the
    // redirect, state or PKCE). Signet never does that, so nobody may.
    if (pathname === "/api/auth/sign-in/social") {
      const body = (await req
        .clone()
        .json()
        .catch(() => null)) as { idToken?: unknown } | null;
      if (body?.idToken !== undefined) {
        return NextResponse.json(
          { error: { code: "bad_request", message: "ID token sign-in is not supported" } },
          { status: 400 },
        );
      }
    }
    const handlers = toNextJsHandler(getAuth());
    if (pathname === "/api/auth/sign-in/email" && method === "POST") return signInWithPassword(req, handlers.POST);
    const callback = OAUTH2_CALLBACK.exec(pathname);
    if (callback) {
      const url = new URL(req.url);
      url.pathname = `/api/auth/callback/${callback[1]}`;
      const body = method === "POST" ? await req.arrayBuffer() : undefined;
      return handlers[method](new Request(url, { method, headers: req.headers, body }));
    }
    return handlers[method](req);
  };
}

export const GET = guarded("GET");
export const POST = guarded("POST");

// Password sign-in: the per-account lock (lib/auth/sign-in-throttle.ts) is checked before
// better-auth sees the request, and the outcome feeds the counters and the aggregated audit rows.
async function signInWithPassword(req: NextRequest, handle: (req: Request) => Promise<Response>) {
  const body = (await req
    .clone()
    .json()
    .catch(() => null)) as { email?: unknown } | null;
  const email = normaliseEmail(body?.email);
  const ip = forwardedClientIp(req.headers);
  if (email) {
    const retryMs = await accountRetryAfterMs(email);
    if (retryMs > 0) {
      await recordThrottledSignIn(email, ip);
      const seconds = Math.ceil(retryMs / 1000);
      return NextResponse.json(
        {
          error: {
            code: "too_many_requests",
            message: `Too many failed sign-ins for this account. Try again in ${seconds} s.`,
          },
        },
        { status: 429, headers: { "retry-after": String(seconds) } },
      );
    }
  }
  const res = await handle(req);
  if (res.status === 429) await recordThrottledSignIn(email, ip);
  else if (email && res.status === 401) await recordFailedSignIn(email, ip);
  else if (email && res.ok) await clearFailedSignIns(email);
  return res;
}
