import { route } from "@/lib/api/handler";
import { signerCredentialRemoved, signerCredentialUpdated } from "@/lib/api/responses/inventory";
import { signerCredentialUpdateSchema } from "@/lib/domain/signer-credentials";
import { removeSignerCredential, updateSignerCredential } from "@/lib/services/manage-signer-credentials";

// One of a signer's credentials: PATCH changes the fields given (e.g. a new expiry after a
// rotation), DELETE removes it.

const writes = { permission: "inventory:write" as const, tokenScopes: ["signers:write" as const] };

export const PATCH = route(
  {
    summary: "Change a signer's credential (the fields given)",
    responses: { 200: signerCredentialUpdated },
    ...writes,
    body: signerCredentialUpdateSchema,
  },
  async ({ db, actor, body, params }) =>
    updateSignerCredential(db, { signerId: params.id, credentialId: params.credentialId }, body, {
      actor,
      now: new Date(),
    }),
);

export const DELETE = route(
  { summary: "Remove a credential from a signer", responses: { 200: signerCredentialRemoved }, ...writes },
  async ({ db, actor, params }) =>
    removeSignerCredential(db, { signerId: params.id, credentialId: params.credentialId }, { actor, now: new Date() }),
);
