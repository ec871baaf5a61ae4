import { queryOptions } from "@tanstack/react-query";
import type { GateDecisionRow } from "@/lib/db/gate/decisions";
import type { Page } from "@/lib/db/inventory/common";
import {
  filtersQueryString,
  gateDecisionFiltersSchema,
  type GateDecisionFilters,
} from "@/lib/domain/inventory-filters";
import { fetchJson } from "./query-client";
import { resourceKeys } from "./resource-keys";

export const gateDecisionKeys = resourceKeys<GateDecisionFilters>("gate-decisions");

export const gateDecisionListQuery = (filters: GateDecisionFilters) =>
  queryOptions({
    queryKey: gateDecisionKeys.list(filters),
    queryFn: () =>
      fetchJson<Page<GateDecisionRow>>(
        `/api/v1/gate/decisions${filtersQueryString(gateDecisionFiltersSchema, filters)}`,
      ),
  });
