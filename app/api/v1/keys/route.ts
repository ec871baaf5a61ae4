import { route } from "@/lib/api/handler";
import { listKeyPage } from "@/lib/db/keys/list";
import { keyFiltersSchema } from "@/lib/domain/inventory-filters";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"], query: keyFiltersSchema }, async ({ db, scope, query }) =>
  listKeyPage(db, scope, query, new Date()),
);
