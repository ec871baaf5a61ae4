import { route } from "@/lib/api/handler";
import { AppError } from "@/lib/api/errors";
import { resolveChangeRequest, resolveChangeRequestInput } from "@/lib/services/resolve-change-request";
import { changeRequestResolved } from "@/lib/api/responses/admin";

// The security team marks an owner's request done (carrying it out) or rejects it.
export const POST = route(
  {
    summary: "Resolve a change request raised in an attestation",
    responses: { 200: changeRequestResolved },
    permission: "campaigns:manage",
    body: resolveChangeRequestInput,
  },
  async ({ db, user, actor, params, body }) => {
    if (!user || actor.type !== "user") throw new AppError("forbidden", "Sign in to resolve change requests");
    return resolveChangeRequest(db, params.id, body, { actor, now: new Date() });
  },
);
