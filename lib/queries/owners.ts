import type { OwnerRow } from "@/lib/db/people/owners";
import { ownerFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

export const { keys: ownerKeys, query: ownerListQuery } = apiList<OwnerRow, typeof ownerFiltersSchema>(
  "owners",
  ownerFiltersSchema,
);
