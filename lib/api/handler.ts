import { NextResponse, type NextRequest } from "next/server";
import { z } from "@/lib/domain/zod";
import type { ApiErrorBody } from "./error-body";
import { AppError, reportError, zodIssues } from "./errors";
import { hashApiToken, TOKEN_PREFIX } from "./tokens";
import { auditOncePerWindow, digest } from "@/lib/auth/refusal-counter";
import { getCurrentUser, userActor, type CurrentUser } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/domain/authz";
import { inputProblem, MAX_INPUT_DEPTH, pathText } from "@/lib/domain/input-shape";
import { formatTokenScopes, hasAnyScope, type TokenScope } from "@/lib/domain/token-scopes";
import { getConfig } from "@/lib/config";
import { getDb, getRawDb, type Db, withTransaction } from "@/lib/db/client";
import { readBodyCapped } from "./read-body";
import { findApiTokenByHash, touchApiToken, type ApiTokenRecord } from "@/lib/db/tokens/api-tokens";
import { recordAudit, type Actor } from "@/lib/services/audit";
import { checkDeclaredResponse, type RouteResponses } from "./route-responses";
import { forwardedClientIp } from "@/lib/http/client-ip";

// The one wrapper every route handler goes through: authenticate (session cookie or API token),
// authorise, parse input with zod, run one service, and map errors to HTTP in one place.

export type RouteContext<TBody, TQuery> = {
  req: NextRequest;
  db: Db;
  actor: Actor;
  user: CurrentUser | null;
  token: ApiTokenRecord | null;
  /** what the caller may read: the signed-in user's scope, or for an API token the whole inventory */
  scope: ReadScope;
  body: TBody;
  query: TQuery;
  params: Record<string, string>;
  ip: string | null;
  /**
   * For a route that changes more than one kind of thing: an API token must also carry `scope`
   * for the part that needs it (a signed-in user was authorised by the route's permission).
   */
  requireScope: (scope: TokenScope, what: string) => void;
};

export type ReadScope = Pick<CurrentUser, "role" | "personId">;

// API tokens are not owner-scoped: a "read" token sees what an analyst sees.
const TOKEN_READ_SCOPE: ReadScope = { role: "analyst", personId: null };

export type RouteOptions<TBody extends z.ZodType | undefined, TQuery extends z.ZodType | undefined> = {
  /** signed-in users need this permission */
  permission: Permission;
  /** API tokens with one of these scopes may call the route too (lib/domain/token-scopes) */
  tokenScopes?: TokenScope[];
  body?: TBody;
  query?: TQuery;
  /** one line for the OpenAPI document (GET /api/v1/openapi.json) and the API reference page */
  summary?: string;
  /**
   * The answer of each 2xx status: a zod schema of the JSON, or another content type. Every
   * /api/v1 route declares one (lib/api/openapi.test.ts); tests check answers against it.
   */
  responses?: RouteResponses;
};

/**
 * What route() attaches to the handler it returns: its options, read by the OpenAPI document and
 * by the schema-aware fuzz test.
 */
export type RouteHandler = ((
  req: NextRequest,
  segment: { params: Promise<Record<string, string>> },
) => Promise<Response>) & {
  options: RouteOptions<z.ZodType | undefined, z.ZodType | undefined>;
};

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export function route<
  TBody extends z.ZodType | undefined = undefined,
  TQuery extends z.ZodType | undefined = undefined,
>(
  options: RouteOptions<TBody, TQuery>,
  handler: (ctx: RouteContext<Infer<TBody>, Infer<TQuery>>) => Promise<Response | unknown>,
): RouteHandler {
  const run = async (req: NextRequest, segment: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const db = getDb();
    const ip = forwardedClientIp(req.headers);
    try {
      const { user, token, actor } = await authenticate(req, db, options, ip);
      // every route's query, also those that read the search parameters themselves
      const rawQuery = refuseNul(Object.fromEntries(req.nextUrl.searchParams), "query");
      const query = options.query ? parseInput(options.query, rawQuery, "query") : undefined;
      const body = options.body ? parseInput(options.body, refuseNul(await readJson(req), "body"), "body") : undefined;
      const params = (await segment.params) ?? {};
      const scope = user ?? TOKEN_READ_SCOPE;
      const requireScope = (needed: TokenScope, what: string) => {
        if (token && !token.scopes.includes(needed))
          throw new AppError("forbidden", `${what} needs an API token with the scope ${needed}`);
      };
      const result = await handler({
        req,
        db,
        actor,
        user,
        token,
        scope,
        body: body as Infer<TBody>,
        query: query as Infer<TQuery>,
        params,
        ip,
        requireScope,
      });
      const res = result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
      return await checkDeclaredResponse(options.responses, res, `${req.method} ${req.nextUrl.pathname}`);
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(run, { options: options as RouteHandler["options"] });
}

export function errorResponse(error: unknown): Response {
  const e = reportError(error, "request");
  const body: ApiErrorBody = { error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } };
  return NextResponse.json(body, { status: e.status });
}

export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: "body" | "query" | "row",
): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = zodIssues(r.error, where);
  const first = issues[0];
  throw new AppError("validation", `Invalid ${where}: ${first.path} — ${first.message}`, { issues });
}

/**
 * Refuses input holding a NUL character (U+0000) anywhere in a key or string, or nested deeper than
 * MAX_INPUT_DEPTH, naming where: no field has a use for either, PostgreSQL cannot store a NUL in
 * text (it would answer 500), and no route's schema nests deeper than a few levels.
 */
export function refuseNul<T>(input: T, where: "body" | "query"): T {
  const problem = inputProblem(input);
  if (problem) throw new AppError("validation", `Invalid ${where}: ${pathText(problem.path)} — ${problem.message}`);
  return input;
}

export { MAX_INPUT_DEPTH };

/** JSON bodies above this are refused while streaming (scripts/server.mjs caps them before too). */
export const JSON_BODY_LIMIT = 1024 * 1024;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

async function readJson(req: NextRequest): Promise<unknown> {
  const text = (
    await readBodyCapped(req, JSON_BODY_LIMIT, `The request body is larger than ${JSON_BODY_LIMIT} bytes`)
  ).toString("utf8");
  if (!text) return {};
  if (!JSON_TYPE.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json)");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}

async function authenticate(
  req: NextRequest,
  db: Db,
  options: RouteOptions<z.ZodType | undefined, z.ZodType | undefined>,
  ip: string | null,
) {
  const authz = req.headers.get("authorization");
  if (authz?.startsWith("Bearer ")) {
    const token = await authenticateToken(db, authz.slice(7).trim(), options, req, ip);
    return {
      user: null,
      token,
      actor: {
        type: "token",
        id: token.id,
        label: `token ${token.prefix}… (${token.name})`,
        scopes: token.scopes,
      } as Actor,
    };
  }
  const user = await getCurrentUser(req.headers);
  if (!user) throw new AppError("unauthenticated", "Sign in or send an API token (Authorization: Bearer …)");
  if (!can(user.role, options.permission)) throw new AppError("forbidden", `Your role (${user.role}) may not do this`);
  if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req);
  return { user, token: null, actor: userActor(user) };
}

// Cookies are SameSite=Lax, and a cookie-authenticated state change must also prove it comes from
// this origin: by its Origin header, or (browsers that omit Origin) Sec-Fetch-Site: same-origin.
// API tokens (Authorization: Bearer) are not sent by browsers on their own and are exempt.
export function assertSameOrigin(req: NextRequest) {
  const origin = req.headers.get("origin");
  if (!origin) {
    if (req.headers.get("sec-fetch-site") === "same-origin") return;
    throw new AppError("forbidden", "Cross-site request refused: no Origin header");
  }
  const allowed = new URL(getConfig().baseUrl).origin;
  if (origin !== allowed && origin !== req.nextUrl.origin)
    throw new AppError("forbidden", "Cross-site request refused");
}

async function authenticateToken(
  db: Db,
  raw: string,
  options: RouteOptions<z.ZodType | undefined, z.ZodType | undefined>,
  req: NextRequest,
  ip: string | null,
): Promise<ApiTokenRecord> {
  const route = `${req.method} ${req.nextUrl.pathname}`;
  const audit = (actor: Actor, summary: string, details?: Record<string, unknown>) =>
    withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor,
        action: "api.token-refused",
        targetType: "route",
        targetId: route,
        summary,
        details,
        ip,
      }),
    );
  const deny = async (code: "unauthenticated" | "forbidden", reason: string, token?: ApiTokenRecord) => {
    if (token) await audit({ type: "token", id: token.id, label: `token ${token.prefix}…` }, reason);
    else {
      // a made-up token is anyone's to send: counted per address and window, not a row each
      const actor: Actor = { type: "anonymous", label: "unknown API token" };
      await auditOncePerWindow(`signet:token-refused:${digest(ip ?? "")}`, Date.now(), {
        first: () => audit(actor, `${reason} (further refusals from this address are counted for 15 minutes)`),
        more: (count, lastAt) =>
          audit(actor, `${count} more request(s) with an unknown API token in the window ending ${lastAt}`, {
            count,
            lastAt,
          }),
      });
    }
    return new AppError(code, reason);
  };
  if (!raw.startsWith(TOKEN_PREFIX)) throw await deny("unauthenticated", "Malformed API token");
  const token = await findApiTokenByHash(getRawDb(), hashApiToken(raw));
  if (!token) throw await deny("unauthenticated", "Unknown API token");
  const now = new Date();
  if (token.revokedAt) throw await deny("unauthenticated", "This API token has been revoked", token);
  if (token.expiresAt && token.expiresAt <= now)
    throw await deny("unauthenticated", `This API token expired on ${token.expiresAt.toISOString()}`, token);
  if (!hasAnyScope(token.scopes, options.tokenScopes ?? [])) {
    const needed = options.tokenScopes?.length ? `; it needs ${options.tokenScopes.join(" or ")}` : "";
    throw await deny(
      "forbidden",
      `This API token's scopes (${formatTokenScopes(token.scopes) || "none"}) do not allow ${req.method} ${req.nextUrl.pathname}${needed}`,
      token,
    );
  }
  await touchApiToken(db, token, now);
  return token;
}
