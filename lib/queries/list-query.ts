import { queryOptions } from "@tanstack/react-query";
import type { z } from "@/lib/domain/zod";
import type { Page } from "@/lib/db/inventory/common";
import { filtersQueryString } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

/**
 * A list read from its GET /api/v1 route: its query keys, and the query of one filter set (the
 * filters in the URL as the route takes them). The page prefetches under the same key. `P`: a page
 * that carries more than its rows (the numbers a list shows beside them).
 */
export function apiList<Row, S extends z.ZodObject, P extends Page<Row> = Page<Row>>(
  resource: string,
  schema: S,
  path = `/api/v1/${resource}`,
) {
  const keys = resourceKeys<z.infer<S>>(resource);
  const query = (filters: z.infer<S>) =>
    queryOptions({
      queryKey: keys.list(filters),
      queryFn: () => fetchJson<P>(`${path}${filtersQueryString(schema, filters)}`),
    });
  return { keys, query };
}
