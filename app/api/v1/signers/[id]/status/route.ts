import { route } from "@/lib/api/handler";
import { statusChangeSchema } from "@/lib/domain/signer-input";
import { changeSignerStatus } from "@/lib/services/change-signer-status";
import { signerStatusChanged } from "@/lib/api/responses/inventory";

// Suspend, resume or decommission a signer: { status, reason }.
export const POST = route(
  {
    summary: "Suspend, reactivate or decommission a signer",
    responses: { 200: signerStatusChanged },
    permission: "inventory:write",
    tokenScopes: ["signers:write"],
    body: statusChangeSchema,
  },
  async ({ db, actor, body, params }) => {
    return changeSignerStatus(db, params.id, body, { actor, now: new Date() });
  },
);
