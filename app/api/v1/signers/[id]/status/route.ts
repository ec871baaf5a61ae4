import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { statusChangeSchema } from "@/lib/domain/signer-input";
import { changeSignerStatus } from "@/lib/services/change-signer-status";
import { signerStatusChanged } from "@/lib/api/responses/inventory";

// Suspend, resume or decommission a signer: { status, reason }.
export const POST = route(
  inventoryWrite(
    "Suspend, reactivate or decommission a signer",
    ["signers:write"],
    { 200: signerStatusChanged },
    statusChangeSchema,
  ),
  async ({ db, actor, body, params }) => {
    return changeSignerStatus(db, params.id, body, { actor, now: new Date() });
  },
);
