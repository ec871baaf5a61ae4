import { route } from "@/lib/api/handler";
import { reassignOwnership, reassignSchema } from "@/lib/services/reassign-ownership";

// Changes the owners/team of many signers in one action, or hands one person's signers to another.
export const POST = route(
  { permission: "inventory:write", tokenScopes: ["owners:write"], body: reassignSchema },
  async ({ db, actor, body }) => {
    return reassignOwnership(db, body, { actor, now: new Date() });
  },
);
