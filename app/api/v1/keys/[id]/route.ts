import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getKeyDetail } from "@/lib/db/keys/list";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, scope, params }) => {
  const key = await getKeyDetail(db, scope, params.id, new Date());
  if (!key) throw notFound("Key");
  return key;
});
