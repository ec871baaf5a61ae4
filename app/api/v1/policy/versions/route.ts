import { route } from "@/lib/api/handler";
import { policyVersionList } from "@/lib/api/responses/gate";
import { listPolicyVersions } from "@/lib/db/policy/policy";

// Every saved policy version, newest first (version 0, the built-in defaults, is implied).
export const GET = route(
  {
    summary: "List the saved policy versions, newest first",
    responses: { 200: policyVersionList },
    permission: "inventory:read",
    tokenScopes: ["read"],
  },
  async ({ db }) => ({
    versions: await listPolicyVersions(db),
  }),
);
