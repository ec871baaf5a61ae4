import type { DiscoveryListRow, DiscoveryPage } from "@/lib/db/artifacts/discovery";
import { discoveryFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

/** The /discovery list: one state of the queue, with every state's size (GET /api/v1/discovery). */
export const { keys: discoveryKeys, query: discoveryListQuery } = apiList<
  DiscoveryListRow,
  typeof discoveryFiltersSchema,
  DiscoveryPage
>("discovery", discoveryFiltersSchema);
