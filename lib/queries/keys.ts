import { queryOptions } from "@tanstack/react-query";
import type { Page } from "@/lib/db/inventory/common";
import type { KeyListRow } from "@/lib/db/keys/list";
import { filtersQueryString, keyFiltersSchema, type KeyFilters } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

export const keyKeys = resourceKeys<KeyFilters>("keys");

export const keyListQuery = (filters: KeyFilters) =>
  queryOptions({ queryKey: keyKeys.list(filters), queryFn: () => fetchJson<Page<KeyListRow>>(`/api/v1/keys${filtersQueryString(keyFiltersSchema, filters)}`) });
