import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getKeyDetail } from "@/lib/db/keys/list";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, user, params }) => {
  const key = await getKeyDetail(db, user ?? { role: "analyst", personId: null }, params.id, new Date());
  if (!key) throw notFound("Key");
  return key;
});
