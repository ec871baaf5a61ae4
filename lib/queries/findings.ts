import { queryOptions } from "@tanstack/react-query";
import type { Page } from "@/lib/db/inventory/common";
import type { FindingListRow } from "@/lib/db/findings/list";
import type { FindingDetail } from "@/lib/db/findings/detail";
import { filtersQueryString, findingFiltersSchema, type FindingFilters } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

export const findingKeys = resourceKeys<FindingFilters>("findings");

export const findingListQuery = (filters: FindingFilters) =>
  queryOptions({
    queryKey: findingKeys.list(filters),
    queryFn: () =>
      fetchJson<Page<FindingListRow>>(`/api/v1/findings${filtersQueryString(findingFiltersSchema, filters)}`),
  });

export const findingDetailQuery = (id: string) =>
  queryOptions({
    queryKey: findingKeys.detail(id),
    queryFn: () => fetchJson<FindingDetail>(`/api/v1/findings/${encodeURIComponent(id)}`),
  });
