import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { listSignerPage } from "@/lib/db/signers/list";
import { apiListQuery, signerFiltersSchema } from "@/lib/domain/inventory-filters";
import { signerCreateSchema } from "@/lib/domain/signer-input";
import { createSigner } from "@/lib/services/create-signer";

// GET lists signers with filters (owners: only their own; read tokens: all).
// POST registers a signer.

export const GET = route(
  { permission: "inventory:read", tokenScopes: ["read"], query: apiListQuery(signerFiltersSchema) },
  async ({ db, scope, query }) => listSignerPage(db, scope, query),
);

export const POST = route(
  { permission: "inventory:write", tokenScopes: ["signers:write"], body: signerCreateSchema },
  async ({ db, actor, body }) => {
    const created = await createSigner(db, body, { actor, now: new Date() });
    return NextResponse.json(created, { status: 201 });
  },
);
