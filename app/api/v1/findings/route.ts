import { route } from "@/lib/api/handler";
import { listFindingPage } from "@/lib/db/findings/list";
import { findingFiltersSchema } from "@/lib/domain/inventory-filters";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"], query: findingFiltersSchema }, async ({ db, scope, query }) =>
  listFindingPage(db, scope, query, new Date()),
);
