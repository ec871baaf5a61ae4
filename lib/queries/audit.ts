import { queryOptions } from "@tanstack/react-query";
import type { Page } from "@/lib/db/inventory/common";
import type { AuditRow } from "@/lib/db/audit/list";
import { auditFiltersSchema, filtersQueryString, type AuditFilters } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (filters: AuditFilters) => [...auditKeys.lists(), filters] as const,
};

export const auditListQuery = (filters: AuditFilters) =>
  queryOptions({ queryKey: auditKeys.list(filters), queryFn: () => fetchJson<Page<AuditRow>>(`/api/v1/audit${filtersQueryString(auditFiltersSchema, filters)}`) });
