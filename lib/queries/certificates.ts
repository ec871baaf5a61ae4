import { queryOptions } from "@tanstack/react-query";
import type { CertificateDetail } from "@/lib/db/certificates/detail";
import type { CertificateListRow } from "@/lib/db/certificates/list";
import { certificateFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";
import { fetchJson } from "./query-client";

export const { keys: certificateKeys, query: certificateListQuery } = apiList<
  CertificateListRow,
  typeof certificateFiltersSchema
>("certificates", certificateFiltersSchema);

export const certificateDetailQuery = (id: string) =>
  queryOptions({
    queryKey: certificateKeys.detail(id),
    queryFn: () => fetchJson<CertificateDetail>(`/api/v1/certificates/${encodeURIComponent(id)}`),
  });
