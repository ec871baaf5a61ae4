import { queryOptions } from "@tanstack/react-query";
import type { Page } from "@/lib/db/inventory/common";
import type { OwnerRow } from "@/lib/db/people/owners";
import { filtersQueryString, ownerFiltersSchema, type OwnerFilters } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

export const ownerKeys = resourceKeys<OwnerFilters>("owners");

export const ownerListQuery = (filters: OwnerFilters) =>
  queryOptions({ queryKey: ownerKeys.list(filters), queryFn: () => fetchJson<Page<OwnerRow>>(`/api/v1/owners${filtersQueryString(ownerFiltersSchema, filters)}`) });
