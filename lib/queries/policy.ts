import type { GateExceptionListRow } from "@/lib/db/gate/exceptions";
import type { PolicyVersionListRow } from "@/lib/db/policy/policy";
import { pageOnlySchema, type PolicyListFilters } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

// The policy page's two lists, one tab each (`view` in the URL): each asks its own route for its page,
// and the tab is part of the key (the routes take only the page).

export const { keys: policyVersionKeys, query: policyVersionListQuery } = apiList<
  PolicyVersionListRow,
  typeof pageOnlySchema
>("policy-versions", pageOnlySchema, "/api/v1/policy/versions");

export const { keys: gateExceptionKeys, query: gateExceptionListQuery } = apiList<
  GateExceptionListRow,
  typeof pageOnlySchema
>("gate-exceptions", pageOnlySchema, "/api/v1/gate/exceptions");

/** The query of the tab the filters name (the page prefetches under the same key). */
export const policyListQuery = (filters: PolicyListFilters) =>
  filters.view === "exceptions" ? gateExceptionListQuery(filters) : policyVersionListQuery(filters);
