import { queryOptions } from "@tanstack/react-query";
import type { Overview } from "@/lib/db/inventory/overview";
import { fetchJson } from "./query-client";

export const overviewKeys = {
  all: ["overview"] as const,
};

export const overviewQuery = () =>
  queryOptions({ queryKey: overviewKeys.all, queryFn: () => fetchJson<Overview>("/api/v1/overview") });
