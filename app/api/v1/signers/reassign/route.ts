import { route } from "@/lib/api/handler";
import { reassignOwnership, reassignSchema } from "@/lib/services/reassign-ownership";
import { reassignResult } from "@/lib/api/responses/inventory";

// Changes the owners/team of many signers in one action, or hands one person's signers to another.
export const POST = route(
  {
    summary: "Hand signers over to other owners",
    responses: { 200: reassignResult },
    permission: "inventory:write",
    tokenScopes: ["owners:write"],
    body: reassignSchema,
  },
  async ({ db, actor, body }) => {
    return reassignOwnership(db, body, { actor, now: new Date() });
  },
);
