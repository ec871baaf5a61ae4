import { queryOptions } from "@tanstack/react-query";
import type { CertificateDetail } from "@/lib/db/certificates/detail";
import type { CertificateFilters } from "@/lib/domain/inventory-filters";
import { fetchCertificatePage } from "./certificate-actions";
import { fetchJson } from "./query-client";

export const certificateKeys = {
  all: ["certificates"] as const,
  lists: () => [...certificateKeys.all, "list"] as const,
  list: (filters: CertificateFilters) => [...certificateKeys.lists(), filters] as const,
  details: () => [...certificateKeys.all, "detail"] as const,
  detail: (id: string) => [...certificateKeys.details(), id] as const,
};

export const certificateListQuery = (filters: CertificateFilters) =>
  queryOptions({ queryKey: certificateKeys.list(filters), queryFn: () => fetchCertificatePage(filters) });

export const certificateDetailQuery = (id: string) =>
  queryOptions({ queryKey: certificateKeys.detail(id), queryFn: () => fetchJson<CertificateDetail>(`/api/v1/certificates/${encodeURIComponent(id)}`) });
