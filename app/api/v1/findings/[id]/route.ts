import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getFindingDetail } from "@/lib/db/findings/detail";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, user, params }) => {
  const finding = await getFindingDetail(db, user ?? { role: "analyst", personId: null }, params.id, new Date());
  if (!finding) throw notFound("Finding");
  return finding;
});
