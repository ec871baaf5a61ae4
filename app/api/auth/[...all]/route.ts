import { toNextJsHandler } from "better-auth/next-js";
import { NextResponse, type NextRequest } from "next/server";
import { getAuth } from "@/lib/auth/auth";

// Only the sign-in flows are exposed. Account and role management goes through Signet's own
// audited admin routes, never through the auth library's endpoints.
const ALLOWED = [
  /^\/api\/auth\/sign-in\/email$/,
  /^\/api\/auth\/sign-in\/oauth2$/,
  /^\/api\/auth\/oauth2\/callback\/[\w-]+$/,
  /^\/api\/auth\/sign-out$/,
  /^\/api\/auth\/get-session$/,
  /^\/api\/auth\/error$/,
  /^\/api\/auth\/ok$/,
];

function guarded(method: "GET" | "POST") {
  return async (req: NextRequest) => {
    if (!ALLOWED.some((re) => re.test(req.nextUrl.pathname))) {
      return NextResponse.json({ error: { code: "not_found", message: "Not found" } }, { status: 404 });
    }
    const handlers = toNextJsHandler(getAuth());
    return handlers[method](req);
  };
}

export const GET = guarded("GET");
export const POST = guarded("POST");
