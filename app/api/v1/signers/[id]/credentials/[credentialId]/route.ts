import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { signerCredentialRemoved, signerCredentialUpdated } from "@/lib/api/responses/inventory";
import { signerCredentialUpdateSchema } from "@/lib/domain/signer-credentials";
import { removeSignerCredential, updateSignerCredential } from "@/lib/services/manage-signer-credentials";

// One of a signer's credentials: PATCH changes the fields given (e.g. a new expiry after a
// rotation), DELETE removes it.

export const PATCH = route(
  inventoryWrite(
    "Change a signer's credential (the fields given)",
    ["signers:write"],
    { 200: signerCredentialUpdated },
    signerCredentialUpdateSchema,
  ),
  async ({ db, actor, body, params }) =>
    updateSignerCredential(db, { signerId: params.id, credentialId: params.credentialId }, body, {
      actor,
      now: new Date(),
    }),
);

export const DELETE = route(
  inventoryWrite("Remove a credential from a signer", ["signers:write"], { 200: signerCredentialRemoved }),
  async ({ db, actor, params }) =>
    removeSignerCredential(db, { signerId: params.id, credentialId: params.credentialId }, { actor, now: new Date() }),
);
