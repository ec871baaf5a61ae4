import { route } from "@/lib/api/handler";
import { listKeyPage } from "@/lib/db/keys/list";
import { keyFiltersSchema } from "@/lib/domain/inventory-filters";
import { keyPage } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "Signing keys, filtered and paged",
    responses: { 200: keyPage },
    permission: "inventory:read",
    tokenScopes: ["read"],
    query: keyFiltersSchema,
  },
  async ({ db, scope, query }) => listKeyPage(db, scope, query, new Date()),
);
