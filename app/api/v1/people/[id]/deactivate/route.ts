import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { deactivatePerson } from "@/lib/services/deactivate-person";
import { personChanged } from "@/lib/api/responses/inventory";

// The person left the company: their signers show as orphaned from this response on.
const body = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const POST = route(
  inventoryWrite("Mark a person as having left", ["people:write"], { 200: personChanged }, body),
  async ({ db, actor, body, params }) => {
    return deactivatePerson(db, params.id, { actor, now: new Date(), reason: body.reason });
  },
);
