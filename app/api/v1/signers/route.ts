import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { signerListQuery, toSignerFilters } from "@/lib/api/signer-query";
import { listSignersFiltered } from "@/lib/db/signers/list";
import { signerCreateSchema } from "@/lib/domain/signer-input";
import { createSigner } from "@/lib/services/create-signer";
import { signerCreated, signerPage } from "@/lib/api/responses/inventory";

// GET lists signers with filters (owners: only their own; read tokens: all).
// POST registers a signer.

export const GET = route(
  {
    summary: "Signers, filtered and paged (owners: their own)",
    responses: { 200: signerPage },
    permission: "inventory:read",
    tokenScopes: ["read"],
    query: signerListQuery,
  },
  async ({ db, scope, query }) => {
    return listSignersFiltered(db, scope, toSignerFilters(query), { page: query.page, pageSize: query.pageSize });
  },
);

export const POST = route(
  {
    summary: "Register a signer",
    responses: { 201: signerCreated },
    permission: "inventory:write",
    tokenScopes: ["signers:write"],
    body: signerCreateSchema,
  },
  async ({ db, actor, body }) => {
    const created = await createSigner(db, body, { actor, now: new Date() });
    return NextResponse.json(created, { status: 201 });
  },
);
