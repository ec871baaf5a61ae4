import { route } from "@/lib/api/handler";
import { revokeApiToken } from "@/lib/services/revoke-api-token";
import { tokenRevoked } from "@/lib/api/responses/admin";

// DELETE revokes the token (the row stays, for the audit trail and the list).
export const DELETE = route(
  { summary: "Revoke an API token", responses: { 200: tokenRevoked }, permission: "tokens:manage" },
  async ({ db, actor, params }) => {
    return revokeApiToken(db, params.id, { actor, now: new Date() });
  },
);
