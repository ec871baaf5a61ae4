import type { z } from "@/lib/domain/zod";
import { route, type RouteContext, type RouteHandler } from "@/lib/api/handler";
import type { Permission } from "@/lib/domain/authz";
import { apiListQuery } from "@/lib/domain/inventory-filters";
import type { TokenScope } from "@/lib/domain/token-scopes";

// A paged list's GET, the read model of a list page: route() with the list's filters at the API's
// page size (apiListQuery) as its query and one page (`page`, usually pageOf(row)) as its 200 answer.

export type ListRouteOptions<Shape extends z.ZodRawShape> = {
  /** the list's filters, as its page takes them (lib/domain/inventory-filters) */
  filters: z.ZodObject<Shape>;
  /** the answer's schema */
  page: z.ZodType;
  permission: Permission;
  tokenScopes?: TokenScope[];
};

export type ListQuery<Shape extends z.ZodRawShape> = z.infer<ReturnType<typeof apiListQuery<Shape>>>;

export function listRoute<Shape extends z.ZodRawShape>(
  summary: string,
  { filters, page, ...access }: ListRouteOptions<Shape>,
  handler: (ctx: RouteContext<undefined, ListQuery<Shape>>) => Promise<unknown>,
): RouteHandler {
  return route({ summary, ...access, responses: { 200: page }, query: apiListQuery(filters) }, handler);
}
