import { z } from "zod";
import { route } from "@/lib/api/handler";
import { deactivatePerson } from "@/lib/services/deactivate-person";

// The person left the company: their signers show as orphaned from this response on.
const body = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const POST = route(
  { permission: "inventory:write", tokenScopes: ["people:write"], body },
  async ({ db, actor, body, params }) => {
    return deactivatePerson(db, params.id, { actor, now: new Date(), reason: body.reason });
  },
);
