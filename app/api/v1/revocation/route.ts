import { listRoute } from "@/lib/api/list-route";
import { listRevocationPage } from "@/lib/db/revocation/revocation-queue";
import { revocationFiltersSchema } from "@/lib/domain/inventory-filters";
import { revocationPage } from "@/lib/api/responses/inventory";

// The /revocation page's read model: revocation requests (view=requests) or certificates whose last
// revocation check failed (view=failed), a page at a time, with the numbers of both (owners: their
// own certificates; read tokens: all).
export const GET = listRoute(
  "Revocation requests and failed revocation checks, paged (owners: their own certificates)",
  { filters: revocationFiltersSchema, page: revocationPage, permission: "inventory:read", tokenScopes: ["read"] },
  async ({ db, scope, query }) => listRevocationPage(db, scope, query, new Date()),
);
