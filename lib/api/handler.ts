import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AppError, toAppError } from "./errors";
import { hashApiToken, TOKEN_PREFIX } from "./tokens";
import { getCurrentUser, userActor, type CurrentUser } from "@/lib/auth/session";
import { can, type Permission, type TokenScope } from "@/lib/domain/authz";
import { getConfig } from "@/lib/config";
import { getDb, getRawDb, type Db, withTransaction } from "@/lib/db/client";
import { findApiTokenByHash, touchApiToken, type ApiTokenRecord } from "@/lib/db/tokens/api-tokens";
import { recordAudit, type Actor } from "@/lib/services/audit";

// The one wrapper every route handler goes through: authenticate (session cookie or API token),
// authorise, parse input with zod, run one service, and map errors to HTTP in one place.

export type RouteContext<TBody, TQuery> = {
  req: NextRequest;
  db: Db;
  actor: Actor;
  user: CurrentUser | null;
  token: ApiTokenRecord | null;
  body: TBody;
  query: TQuery;
  params: Record<string, string>;
  ip: string | null;
};

type RouteOptions<TBody extends z.ZodType | undefined, TQuery extends z.ZodType | undefined> = {
  /** signed-in users need this permission */
  permission: Permission;
  /** API tokens with one of these scopes may call the route too */
  tokenScopes?: TokenScope[];
  body?: TBody;
  query?: TQuery;
};

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export function route<TBody extends z.ZodType | undefined = undefined, TQuery extends z.ZodType | undefined = undefined>(
  options: RouteOptions<TBody, TQuery>,
  handler: (ctx: RouteContext<Infer<TBody>, Infer<TQuery>>) => Promise<Response | unknown>,
) {
  return async (req: NextRequest, segment: { params: Promise<Record<string, string>> }) => {
    const db = getDb();
    const ip = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
    try {
      const { user, token, actor } = await authenticate(req, db, options, ip);
      const query = options.query ? parseInput(options.query, Object.fromEntries(req.nextUrl.searchParams), "query") : undefined;
      const body = options.body ? parseInput(options.body, await readJson(req), "body") : undefined;
      const params = (await segment.params) ?? {};
      const result = await handler({ req, db, actor, user, token, body: body as Infer<TBody>, query: query as Infer<TQuery>, params, ip });
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  const e = toAppError(error);
  if (e.code === "internal") console.error("[signet] request failed:", error);
  return NextResponse.json({ error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } }, { status: e.status });
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: "body" | "query" | "row"): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join(".") || where, message: i.message }));
  const first = issues[0];
  throw new AppError("validation", `Invalid ${where}: ${first.path} — ${first.message}`, { issues });
}

async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}

async function authenticate(req: NextRequest, db: Db, options: RouteOptions<z.ZodType | undefined, z.ZodType | undefined>, ip: string | null) {
  const authz = req.headers.get("authorization");
  if (authz?.startsWith("Bearer ")) {
    const token = await authenticateToken(db, authz.slice(7).trim(), options, req, ip);
    return { user: null, token, actor: { type: "token", id: token.id, label: `token ${token.prefix}… (${token.name})` } as Actor };
  }
  const user = await getCurrentUser(req.headers);
  if (!user) throw new AppError("unauthenticated", "Sign in or send an API token (Authorization: Bearer …)");
  if (!can(user.role, options.permission)) throw new AppError("forbidden", `Your role (${user.role}) may not do this`);
  if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req);
  return { user, token: null, actor: userActor(user) };
}

// Cookies are SameSite=Lax; this also refuses cross-site requests from browsers that send an Origin.
function assertSameOrigin(req: NextRequest) {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const allowed = new URL(getConfig().baseUrl).origin;
  if (origin !== allowed && origin !== req.nextUrl.origin) throw new AppError("forbidden", "Cross-site request refused");
}

async function authenticateToken(db: Db, raw: string, options: RouteOptions<z.ZodType | undefined, z.ZodType | undefined>, req: NextRequest, ip: string | null): Promise<ApiTokenRecord> {
  const deny = async (code: "unauthenticated" | "forbidden", reason: string, token?: ApiTokenRecord) => {
    await withTransaction(db, async (tx) =>
      recordAudit(tx, {
        actor: token ? { type: "token", id: token.id, label: `token ${token.prefix}…` } : { type: "anonymous", label: raw.startsWith(TOKEN_PREFIX) ? `token ${raw.slice(0, 10)}…` : "unknown token" },
        action: "api.token-refused",
        targetType: "route",
        targetId: `${req.method} ${req.nextUrl.pathname}`,
        summary: reason,
        ip,
      }),
    );
    return new AppError(code, reason);
  };
  if (!raw.startsWith(TOKEN_PREFIX)) throw await deny("unauthenticated", "Malformed API token");
  const token = await findApiTokenByHash(getRawDb(), hashApiToken(raw));
  if (!token) throw await deny("unauthenticated", "Unknown API token");
  const now = new Date();
  if (token.revokedAt) throw await deny("unauthenticated", "This API token has been revoked", token);
  if (token.expiresAt && token.expiresAt <= now) throw await deny("unauthenticated", `This API token expired on ${token.expiresAt.toISOString()}`, token);
  if (!options.tokenScopes?.includes(token.scope)) {
    throw await deny("forbidden", `This API token's scope (${token.scope}) does not allow ${req.method} ${req.nextUrl.pathname}`, token);
  }
  await touchApiToken(db, token.id, now);
  return token;
}
