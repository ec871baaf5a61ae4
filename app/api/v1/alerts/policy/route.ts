import { route } from "@/lib/api/handler";
import { loadAlertPolicies } from "@/lib/db/alerts";

// The alert policies in force: the global one (defaults unless an admin stored one) and every
// signer's own.
export const GET = route({ permission: "alerts:manage" }, async ({ db }) => {
  const policies = await loadAlertPolicies(db);
  return { global: policies.global, signers: Object.fromEntries(policies.bySignerId) };
});
