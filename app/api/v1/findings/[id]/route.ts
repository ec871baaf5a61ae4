import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getFindingDetail } from "@/lib/db/findings/detail";
import { findingDetail } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "One finding with its evidence, guidance and history",
    responses: { 200: findingDetail },
    permission: "inventory:read",
    tokenScopes: ["read"],
  },
  async ({ db, scope, params }) => {
    const finding = await getFindingDetail(db, scope, params.id, new Date());
    if (!finding) throw notFound("Finding");
    return finding;
  },
);
