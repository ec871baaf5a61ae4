import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { listRoute } from "@/lib/api/list-route";
import { listApiTokensForAdmin } from "@/lib/db/tokens/token-admin";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { createApiToken, tokenCreateSchema } from "@/lib/services/create-api-token";
import { tokenCreated, tokenList } from "@/lib/api/responses/admin";

// Administrators only, signed in (API tokens cannot mint tokens). The token is in the POST
// answer once; later reads show its prefix only.

// { rows, total, page, pageSize }: the /admin/tokens list's read model (rows was the whole answer before)
export const GET = listRoute(
  "API tokens (prefixes only, never the secrets)",
  { filters: pageOnlySchema, page: tokenList, permission: "tokens:manage" },
  async ({ db, query }) => listApiTokensForAdmin(db, query, new Date()),
);

export const POST = route(
  {
    summary: "Create an API token (the secret is in this answer only)",
    responses: { 201: tokenCreated },
    permission: "tokens:manage",
    body: tokenCreateSchema,
  },
  async ({ db, actor, body }) => {
    if (actor.type !== "user") throw new AppError("forbidden", "Sign in to create API tokens");
    const created = await createApiToken(db, body, { actor, now: new Date() });
    return NextResponse.json(created, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
