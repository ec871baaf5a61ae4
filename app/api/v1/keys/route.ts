import { route } from "@/lib/api/handler";
import { listKeyPage } from "@/lib/db/keys/list";
import { keyFiltersSchema } from "@/lib/domain/inventory-filters";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"], query: keyFiltersSchema }, async ({ db, user, query }) =>
  listKeyPage(db, user ?? { role: "analyst", personId: null }, query, new Date()),
);
