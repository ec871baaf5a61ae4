import { route } from "@/lib/api/handler";
import { inventoryRead } from "@/lib/api/route-presets";
import { listFindingPage } from "@/lib/db/findings/list";
import { findingFiltersSchema } from "@/lib/domain/inventory-filters";
import { findingPage } from "@/lib/api/responses/inventory";

export const GET = route(
  inventoryRead("Findings, filtered and paged", findingPage, findingFiltersSchema),
  async ({ db, scope, query }) => listFindingPage(db, scope, query, new Date()),
);
