import { z } from "@/lib/domain/zod";
import { createDocument } from "zod-openapi";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";
import { PERMISSIONS } from "@/lib/domain/authz";
import { TOKEN_SCOPE_HELP } from "@/lib/domain/token-scopes";
import type { RouteHandler } from "./handler";
import { responseBodies } from "./route-responses";

// The OpenAPI 3.1 document of /api/v1, built from what each route already declares beside its
// handler: route({ permission, tokenScopes, query, body, summary, responses }) in lib/api/handler.ts.
// Nothing here describes a route by hand, so the document cannot drift from the code; the list of
// route modules is app/api/v1/openapi-routes.ts (lib/api/openapi.test.ts checks it is complete).

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Where the document is served (app/api/v1/openapi.json/route.ts: it describes itself). */
export const OPENAPI_PATH = "/api/v1/openapi.json";

/** One route file: its URL pattern (/api/v1/signers/[id]) and its exports (GET, POST, …). */
export type RouteModuleEntry = { pattern: string; module: Record<string, unknown> };

/** /api/v1/signers/[id] → /api/v1/signers/{id} */
export function openApiPath(pattern: string): string {
  return pattern.replace(/\[([^\]]+)\]/g, "{$1}");
}

function pathParams(pattern: string): string[] {
  return [...pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
}

export function routeHandlers(module: Record<string, unknown>): [HttpMethod, RouteHandler][] {
  return HTTP_METHODS.filter((m) => typeof module[m] === "function").map((m) => [m, module[m] as RouteHandler]);
}

const rolesOf = (permission: keyof typeof PERMISSIONS) => PERMISSIONS[permission].join(", ");

function operation(pattern: string, method: HttpMethod, handler: RouteHandler): ZodOpenApiOperationObject {
  const o = handler.options;
  const scopes = o.tokenScopes ?? [];
  const params = pathParams(pattern);
  const tag = pattern.split("/")[3] ?? "api";
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, declared] of Object.entries(o.responses ?? {})) {
    if (!declared) continue;
    const bodies = responseBodies(declared);
    responses[status] = {
      description: bodies.find((b) => b.description)?.description ?? (status === "201" ? "Created" : "OK"),
      content: Object.fromEntries(bodies.map((b) => [b.contentType, b.schema ? { schema: b.schema } : {}])),
    };
  }
  responses.default = {
    description: "An error: 400/422 invalid input, 401 no or bad credentials, 403 not allowed, 404, 409, 413, 415",
    content: { "application/json": { schema: errorSchema } },
  };
  return {
    operationId: `${method.toLowerCase()}${openApiPath(pattern)
      .replace(/^\/api\/v1/, "")
      .replace(/[{}]/g, "")
      .split(/[/-]/)
      .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : ""))
      .join("")}`,
    summary: o.summary,
    tags: [tag],
    description: [
      `Signed-in roles: ${rolesOf(o.permission)} (permission \`${o.permission}\`).`,
      scopes.length
        ? `API tokens: scope ${scopes.map((s) => `\`${s}\``).join(" or ")}.`
        : "API tokens: not accepted; sign in.",
    ].join(" "),
    security: [...(scopes.length ? [{ apiToken: [...scopes] }] : []), { session: [] }],
    "x-signet-permission": o.permission,
    "x-signet-token-scopes": scopes,
    requestParams: {
      ...(params.length ? { path: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
      ...(o.query && o.query instanceof z.ZodObject ? { query: o.query } : {}),
    },
    ...(o.body ? { requestBody: { content: { "application/json": { schema: o.body } } } } : {}),
    responses,
  } as ZodOpenApiOperationObject;
}

const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

export function buildOpenApiDocument(routes: readonly RouteModuleEntry[], options: { serverUrl?: string } = {}) {
  const paths: ZodOpenApiPathsObject = {};
  for (const { pattern, module } of routes) {
    const item: Record<string, ZodOpenApiOperationObject> = {};
    for (const [method, handler] of routeHandlers(module)) {
      if (handler.options) item[method.toLowerCase()] = operation(pattern, method, handler);
    }
    paths[openApiPath(pattern)] = item;
  }
  paths[OPENAPI_PATH] = {
    get: {
      operationId: "getOpenapiJson",
      summary: "This document",
      tags: ["openapi"],
      security: [],
      responses: { "200": { description: "The OpenAPI 3.1 document", content: { "application/json": {} } } },
    },
  };
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Signet API",
      version: "1",
      description:
        "Code-signing governance: signers, certificates, keys, findings, attestations. Authenticate with an API token " +
        "(Authorization: Bearer sgt_…, created by an administrator) whose scopes each operation names, or with a " +
        "browser session. Token scopes: " +
        Object.entries(TOKEN_SCOPE_HELP)
          .map(([s, help]) => `\`${s}\`: ${help}`)
          .join("; ") +
        ".",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    components: {
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", description: "An API token (sgt_…) with the scopes listed" },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token", description: "A signed-in user" },
      },
    },
    paths,
  });
}
