import type { PersonListRow } from "@/lib/db/people/people-admin";
import { personFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

export const { keys: personKeys, query: personListQuery } = apiList<PersonListRow, typeof personFiltersSchema>(
  "people",
  personFiltersSchema,
);
