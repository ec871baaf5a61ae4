import { found } from "@/lib/api/errors";
import { inventoryRead, inventoryWrite } from "@/lib/api/route-presets";
import { route } from "@/lib/api/handler";
import { findVisibleSigner } from "@/lib/db/signers/detail";
import { signerUpdateSchema } from "@/lib/domain/signer-input";
import { updateSigner } from "@/lib/services/update-signer";
import { signerDetail, signerUpdated } from "@/lib/api/responses/inventory";

// GET one signer (404 for signers an owner does not own); PATCH changes the fields given.

export const GET = route(
  inventoryRead("One signer with its certificates and keys", signerDetail),
  async ({ db, scope, params }) => found(await findVisibleSigner(db, scope, params.id), "Signer"),
);

// A token changes a signer's details with signers:write and its owners with owners:write.
const OWNERSHIP_FIELDS = ["primaryOwner", "backupOwner", "team"] as const;

export const PATCH = route(
  inventoryWrite(
    "Change a signer's details or owners (the fields given)",
    ["signers:write", "owners:write"],
    { 200: signerUpdated },
    signerUpdateSchema,
  ),
  async ({ db, actor, body, params, requireScope }) => {
    const fields = Object.keys(body);
    if (fields.some((f) => (OWNERSHIP_FIELDS as readonly string[]).includes(f)))
      requireScope("owners:write", "Changing a signer's owners or team");
    if (fields.some((f) => !(OWNERSHIP_FIELDS as readonly string[]).includes(f)))
      requireScope("signers:write", "Editing a signer's details");
    return updateSigner(db, params.id, body, { actor, now: new Date() });
  },
);
