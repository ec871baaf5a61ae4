import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { reassignOwnership, reassignSchema } from "@/lib/services/reassign-ownership";
import { reassignResult } from "@/lib/api/responses/inventory";

// Changes the owners/team of many signers in one action, or hands one person's signers to another.
export const POST = route(
  inventoryWrite("Hand signers over to other owners", ["owners:write"], { 200: reassignResult }, reassignSchema),
  async ({ db, actor, body }) => {
    return reassignOwnership(db, body, { actor, now: new Date() });
  },
);
