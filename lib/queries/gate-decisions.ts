import type { GateDecisionRow } from "@/lib/db/gate/decisions";
import { gateDecisionFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

export const { keys: gateDecisionKeys, query: gateDecisionListQuery } = apiList<
  GateDecisionRow,
  typeof gateDecisionFiltersSchema
>("gate-decisions", gateDecisionFiltersSchema, "/api/v1/gate/decisions");
