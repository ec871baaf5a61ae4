import type { IncidentListRow } from "@/lib/db/incidents/reads";
import { incidentFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

/** The /incidents list (GET /api/v1/incidents). */
export const { keys: incidentKeys, query: incidentListQuery } = apiList<IncidentListRow, typeof incidentFiltersSchema>(
  "incidents",
  incidentFiltersSchema,
);
