import { NextResponse } from "next/server";
import { found } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { inventoryRead, inventoryWrite } from "@/lib/api/route-presets";
import { signerCredential, signerCredentialList } from "@/lib/api/responses/inventory";
import { findCredentialSigner, listSignerCredentials } from "@/lib/db/signers/credentials";
import { signerCredentialCreateSchema } from "@/lib/domain/signer-credentials";
import { addSignerCredential } from "@/lib/services/manage-signer-credentials";

// A signer's credentials (CI secrets, cloud service-account keys, registry tokens): what and where
// each is and when it expires, never its value. GET lists them; POST adds one.

export const GET = route(
  inventoryRead("The credentials a signer's pipeline depends on", signerCredentialList),
  async ({ db, scope, params }) => {
    found(await findCredentialSigner(db, params.id, scope), "Signer");
    return { credentials: await listSignerCredentials(db, params.id) };
  },
);

export const POST = route(
  inventoryWrite(
    "Add a credential to a signer (kind, name, where it lives, expiry; never the secret)",
    ["signers:write"],
    { 201: signerCredential },
    signerCredentialCreateSchema,
  ),
  async ({ db, actor, body, params }) =>
    NextResponse.json(await addSignerCredential(db, params.id, body, { actor, now: new Date() }), { status: 201 }),
);
