import type { RouteResponses } from "./route-responses";

// Route options many /api/v1 routes share, so each route states only what is its own.

/**
 * A read of the inventory: every signed-in role (owners see their own part) and API tokens with
 * the `read` scope, answering 200 with `response`.
 */
export function inventoryRead(summary: string, response: NonNullable<RouteResponses[200]>) {
  return {
    summary,
    responses: { 200: response },
    permission: "inventory:read" as const,
    tokenScopes: ["read" as const],
  };
}
