import { queryOptions } from "@tanstack/react-query";
import type { FindingListRow } from "@/lib/db/findings/list";
import type { FindingDetail } from "@/lib/db/findings/detail";
import { findingFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";
import { fetchJson } from "./query-client";

export const { keys: findingKeys, query: findingListQuery } = apiList<FindingListRow, typeof findingFiltersSchema>(
  "findings",
  findingFiltersSchema,
);

export const findingDetailQuery = (id: string) =>
  queryOptions({
    queryKey: findingKeys.detail(id),
    queryFn: () => fetchJson<FindingDetail>(`/api/v1/findings/${encodeURIComponent(id)}`),
  });
