import { route } from "@/lib/api/handler";
import { listOwnerPage } from "@/lib/db/people/owners";
import { ownerFiltersSchema } from "@/lib/domain/inventory-filters";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"], query: ownerFiltersSchema }, async ({ db, scope, query }) =>
  listOwnerPage(db, scope, query, new Date()),
);
