import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getFindingDetail } from "@/lib/db/findings/detail";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, scope, params }) => {
  const finding = await getFindingDetail(db, scope, params.id, new Date());
  if (!finding) throw notFound("Finding");
  return finding;
});
