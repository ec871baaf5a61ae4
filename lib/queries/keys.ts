import type { KeyListRow } from "@/lib/db/keys/list";
import { keyFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

export const { keys: keyKeys, query: keyListQuery } = apiList<KeyListRow, typeof keyFiltersSchema>(
  "keys",
  keyFiltersSchema,
);
