import { route } from "@/lib/api/handler";
import { revokeApiToken } from "@/lib/services/revoke-api-token";

// DELETE revokes the token (the row stays, for the audit trail and the list).
export const DELETE = route({ permission: "tokens:manage" }, async ({ db, actor, params }) => {
  return revokeApiToken(db, params.id, { actor, now: new Date() });
});
