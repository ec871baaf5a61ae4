import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getKeyDetail } from "@/lib/db/keys/list";
import { keyDetail } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "One signing key with its certificates, findings and history",
    responses: { 200: keyDetail },
    permission: "inventory:read",
    tokenScopes: ["read"],
  },
  async ({ db, scope, params }) => {
    const key = await getKeyDetail(db, scope, params.id, new Date());
    if (!key) throw notFound("Key");
    return key;
  },
);
