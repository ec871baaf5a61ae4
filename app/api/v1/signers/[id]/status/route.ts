import { route } from "@/lib/api/handler";
import { statusChangeSchema } from "@/lib/domain/signer-input";
import { changeSignerStatus } from "@/lib/services/change-signer-status";

// Suspend, resume or decommission a signer: { status, reason }.
export const POST = route(
  { permission: "inventory:write", tokenScopes: ["signers:write"], body: statusChangeSchema },
  async ({ db, actor, body, params }) => {
    return changeSignerStatus(db, params.id, body, { actor, now: new Date() });
  },
);
