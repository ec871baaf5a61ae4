import { listRoute } from "@/lib/api/list-route";
import { listDiscoveryPage } from "@/lib/db/artifacts/discovery";
import { discoveryFiltersSchema } from "@/lib/domain/inventory-filters";
import { discoveryPage } from "@/lib/api/responses/artifacts";

// The /discovery page's read model: certificates and keyless identities seen signing scanned artifacts
// that no registered signer used, one state at a time, with the size of every state. The security team
// decides them (the page's forms); read tokens read the queue as an analyst would.
export const GET = listRoute(
  "The discovery queue: identities found signing scanned artifacts, by state, paged",
  { filters: discoveryFiltersSchema, page: discoveryPage, permission: "inventory:write", tokenScopes: ["read"] },
  async ({ db, query }) => listDiscoveryPage(db, query),
);
