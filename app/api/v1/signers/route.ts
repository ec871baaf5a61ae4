import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { listRoute } from "@/lib/api/list-route";
import { listSignerPage } from "@/lib/db/signers/list";
import { signerFiltersSchema } from "@/lib/domain/inventory-filters";
import { signerCreateSchema } from "@/lib/domain/signer-input";
import { createSigner } from "@/lib/services/create-signer";
import { signerCreated, signerPage } from "@/lib/api/responses/inventory";

// GET lists signers with filters (owners: only their own; read tokens: all).
// POST registers a signer.

export const GET = listRoute(
  "Signers, filtered and paged (owners: their own)",
  { filters: signerFiltersSchema, page: signerPage, permission: "inventory:read", tokenScopes: ["read"] },
  async ({ db, scope, query }) => listSignerPage(db, scope, query),
);

export const POST = route(
  inventoryWrite("Register a signer", ["signers:write"], { 201: signerCreated }, signerCreateSchema),
  async ({ db, actor, body }) => {
    const created = await createSigner(db, body, { actor, now: new Date() });
    return NextResponse.json(created, { status: 201 });
  },
);
