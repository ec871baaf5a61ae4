import { z } from "zod";
import { route } from "@/lib/api/handler";
import { deactivatePerson } from "@/lib/services/deactivate-person";
import { personChanged } from "@/lib/api/responses/inventory";

// The person left the company: their signers show as orphaned from this response on.
const body = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const POST = route(
  {
    summary: "Mark a person as having left",
    responses: { 200: personChanged },
    permission: "inventory:write",
    tokenScopes: ["people:write"],
    body,
  },
  async ({ db, actor, body, params }) => {
    return deactivatePerson(db, params.id, { actor, now: new Date(), reason: body.reason });
  },
);
