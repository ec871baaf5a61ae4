import { route } from "@/lib/api/handler";
import { inventoryRead } from "@/lib/api/route-presets";
import { gateDecisionPage } from "@/lib/api/responses/gate";
import { listGateDecisions } from "@/lib/db/gate/decisions";
import { gateDecisionFiltersSchema } from "@/lib/domain/inventory-filters";

// The release gate's stored decisions, newest first (owners: about their own signers); the
// /gate page's list, with the same filters.
export const GET = route(
  inventoryRead("List the release gate's stored decisions, newest first", gateDecisionPage, gateDecisionFiltersSchema),
  async ({ db, scope, query }) => listGateDecisions(db, scope, query),
);
