import { queryOptions } from "@tanstack/react-query";
import type { Page } from "@/lib/db/inventory/common";
import type { AuditRow } from "@/lib/db/audit/list";
import { auditFiltersSchema, filtersQueryString, type AuditFilters } from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

export const auditKeys = resourceKeys<AuditFilters>("audit");

export const auditListQuery = (filters: AuditFilters) =>
  queryOptions({ queryKey: auditKeys.list(filters), queryFn: () => fetchJson<Page<AuditRow>>(`/api/v1/audit${filtersQueryString(auditFiltersSchema, filters)}`) });
