import { queryOptions } from "@tanstack/react-query";
import type { Page } from "@/lib/db/inventory/common";
import type { OwnerRow } from "@/lib/db/people/owners";
import { filtersQueryString, ownerFiltersSchema, type OwnerFilters } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";

export const ownerKeys = {
  all: ["owners"] as const,
  lists: () => [...ownerKeys.all, "list"] as const,
  list: (filters: OwnerFilters) => [...ownerKeys.lists(), filters] as const,
};

export const ownerListQuery = (filters: OwnerFilters) =>
  queryOptions({ queryKey: ownerKeys.list(filters), queryFn: () => fetchJson<Page<OwnerRow>>(`/api/v1/owners${filtersQueryString(ownerFiltersSchema, filters)}`) });
