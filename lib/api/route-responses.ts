import type { z } from "@/lib/domain/zod";

// The answers a route declares (route({ responses }) in lib/api/handler.ts): the OpenAPI document
// is built from them, and under test (or SIGNET_CHECK_RESPONSES=1) every 2xx answer is held to
// them, so a declaration that drifts from what the handler returns fails the route's tests.

export type ResponseBody = {
  /** e.g. "text/csv"; "application/json" when a schema alone is given */
  contentType: string;
  schema?: z.ZodType;
  description?: string;
};

type Declared = z.ZodType | ResponseBody;

/** Per 2xx status: one body, or alternatives by content type (JSON or CSV by a format parameter). */
export type RouteResponses = Partial<Record<200 | 201 | 202 | 204, Declared | Declared[]>>;

function responseBody(declared: Declared): ResponseBody {
  return "contentType" in declared && typeof declared.contentType === "string"
    ? (declared as ResponseBody)
    : { contentType: "application/json", schema: declared as z.ZodType };
}

/** The bodies one status may answer with. */
export function responseBodies(declared: Declared | Declared[]): ResponseBody[] {
  return (Array.isArray(declared) ? declared : [declared]).map(responseBody);
}

function isChecking(): boolean {
  return !!process.env.VITEST || process.env.SIGNET_CHECK_RESPONSES === "1";
}

/** The answer unchanged, or (when checking) a 500 naming how a 2xx answer differs from its declaration. */
export async function checkDeclaredResponse(
  responses: RouteResponses | undefined,
  res: Response,
  where: string,
): Promise<Response> {
  if (!isChecking() || res.status < 200 || res.status >= 300 || !responses) return res;
  const fail = (problem: string) => {
    const message = `${where} answered ${res.status} ${problem}`;
    console.error(`[signet] undeclared response: ${message}`);
    return Response.json({ error: { code: "undeclared_response", message } }, { status: 500 });
  };
  const declared = responses[res.status as keyof RouteResponses];
  if (!declared) return fail("but declares no such status");
  const bodies = responseBodies(declared);
  const contentType = res.headers.get("content-type") ?? "";
  const body = bodies.find((b) => contentType.startsWith(b.contentType));
  if (!body) return fail(`as ${contentType}, declared ${bodies.map((b) => b.contentType).join(" or ")}`);
  if (!body.schema || body.contentType !== "application/json") return res;
  const parsed = body.schema.safeParse(await res.clone().json());
  if (parsed.success) return res;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  return fail(`with a body that does not match its schema: ${issues.join("; ")}`);
}
