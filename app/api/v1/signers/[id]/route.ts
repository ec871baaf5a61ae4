import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { findVisibleSigner } from "@/lib/db/signers/detail";
import { signerUpdateSchema } from "@/lib/domain/signer-input";
import { updateSigner } from "@/lib/services/update-signer";

// GET one signer (404 for signers an owner does not own); PATCH changes the fields given.

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, scope, params }) => {
  const signer = await findVisibleSigner(db, scope, params.id);
  if (!signer) throw notFound("Signer");
  return signer;
});

export const PATCH = route({ permission: "inventory:write", tokenScopes: ["ingest"], body: signerUpdateSchema }, async ({ db, actor, body, params }) => {
  return updateSigner(db, params.id, body, { actor, now: new Date() });
});
