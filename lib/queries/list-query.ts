import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { Page } from "@/lib/db/inventory/common";
import { filtersQueryString } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

/**
 * A list read from its GET /api/v1 route: its query keys, and the query of one filter set (the
 * filters in the URL as the route takes them). The page prefetches under the same key.
 */
export function apiList<Row, S extends z.ZodObject>(resource: string, schema: S, path = `/api/v1/${resource}`) {
  const keys = resourceKeys<z.infer<S>>(resource);
  const query = (filters: z.infer<S>) =>
    queryOptions({
      queryKey: keys.list(filters),
      queryFn: () => fetchJson<Page<Row>>(`${path}${filtersQueryString(schema, filters)}`),
    });
  return { keys, query };
}
