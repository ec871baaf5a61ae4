import { route } from "@/lib/api/handler";
import { listPolicyVersions } from "@/lib/db/policy/policy";

// Every saved policy version, newest first (version 0, the built-in defaults, is implied).
export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db }) => ({
  versions: await listPolicyVersions(db),
}));
