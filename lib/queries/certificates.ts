import { queryOptions } from "@tanstack/react-query";
import type { CertificateDetail } from "@/lib/db/certificates/detail";
import type { CertificateListRow } from "@/lib/db/certificates/list";
import type { Page } from "@/lib/db/inventory/common";
import { certificateFiltersSchema, filtersQueryString, type CertificateFilters } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

export const certificateKeys = resourceKeys<CertificateFilters>("certificates");

export const certificateListQuery = (filters: CertificateFilters) =>
  queryOptions({
    queryKey: certificateKeys.list(filters),
    queryFn: () =>
      fetchJson<Page<CertificateListRow>>(
        `/api/v1/certificates${filtersQueryString(certificateFiltersSchema, filters)}`,
      ),
  });

export const certificateDetailQuery = (id: string) =>
  queryOptions({
    queryKey: certificateKeys.detail(id),
    queryFn: () => fetchJson<CertificateDetail>(`/api/v1/certificates/${encodeURIComponent(id)}`),
  });
