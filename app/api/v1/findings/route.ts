import { route } from "@/lib/api/handler";
import { listFindingPage } from "@/lib/db/findings/list";
import { findingFiltersSchema } from "@/lib/domain/inventory-filters";
import { findingPage } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "Findings, filtered and paged",
    responses: { 200: findingPage },
    permission: "inventory:read",
    tokenScopes: ["read"],
    query: findingFiltersSchema,
  },
  async ({ db, scope, query }) => listFindingPage(db, scope, query, new Date()),
);
