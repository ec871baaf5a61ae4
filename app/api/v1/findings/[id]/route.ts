import { found } from "@/lib/api/errors";
import { inventoryRead } from "@/lib/api/route-presets";
import { route } from "@/lib/api/handler";
import { getFindingDetail } from "@/lib/db/findings/detail";
import { findingDetail } from "@/lib/api/responses/inventory";

export const GET = route(
  inventoryRead("One finding with its evidence, guidance and history", findingDetail),
  async ({ db, scope, params }) => found(await getFindingDetail(db, scope, params.id, new Date()), "Finding"),
);
