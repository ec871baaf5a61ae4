import { listRoute } from "@/lib/api/list-route";
import { policyVersionList } from "@/lib/api/responses/gate";
import { listPolicyVersionPage, listPolicyVersions } from "@/lib/db/policy/policy";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";

// The saved policy versions, newest first (version 0, the built-in defaults, is implied): the policy
// page's read model, { rows (each with its changes), total, page, pageSize }; `versions` (up to 200,
// as before paging) stays for older callers.
export const GET = listRoute(
  "List the saved policy versions, newest first, paged, each with its changes",
  { filters: pageOnlySchema, page: policyVersionList, permission: "inventory:read", tokenScopes: ["read"] },
  async ({ db, query }) => {
    const [page, versions] = await Promise.all([listPolicyVersionPage(db, query), listPolicyVersions(db)]);
    return { ...page, versions };
  },
);
