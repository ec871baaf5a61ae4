import { route } from "@/lib/api/handler";
import { listOwnerPage } from "@/lib/db/people/owners";
import { ownerFiltersSchema } from "@/lib/domain/inventory-filters";
import { ownerPage } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "People or teams with their signers and open findings",
    responses: { 200: ownerPage },
    permission: "inventory:read",
    tokenScopes: ["read"],
    query: ownerFiltersSchema,
  },
  async ({ db, scope, query }) => listOwnerPage(db, scope, query, new Date()),
);
