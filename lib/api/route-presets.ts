import type { z } from "zod";
import type { TokenScope } from "@/lib/domain/token-scopes";
import type { RouteResponses } from "./route-responses";

// Route options many /api/v1 routes share, so each route states only what is its own.

/**
 * A read of the inventory: every signed-in role (owners see their own part) and API tokens with
 * the `read` scope, taking `query` (a list's filters) and answering 200 with `response`.
 */
export function inventoryRead<TQuery extends z.ZodType | undefined = undefined>(
  summary: string,
  response: NonNullable<RouteResponses[200]>,
  query?: TQuery,
) {
  return {
    summary,
    responses: { 200: response },
    permission: "inventory:read" as const,
    tokenScopes: ["read" as const],
    query,
  };
}

/**
 * A change to the inventory: roles with inventory:write, and API tokens with one of `tokenScopes`
 * (each part of the inventory has its write scope), sending `body` and answered with `responses`.
 */
export function inventoryWrite<TBody extends z.ZodType | undefined = undefined>(
  summary: string,
  tokenScopes: TokenScope[],
  responses: RouteResponses,
  body?: TBody,
) {
  return { summary, responses, permission: "inventory:write" as const, tokenScopes, body };
}
