import { route } from "@/lib/api/handler";
import { inventoryRead } from "@/lib/api/route-presets";
import { getOverview } from "@/lib/db/inventory/overview";
import { overview } from "@/lib/api/responses/inventory";

// tokens read the whole inventory; signed-in owners only what they own
export const GET = route(
  inventoryRead("The overview's numbers, each with the list that shows it", overview),
  async ({ db, scope }) => getOverview(db, scope, new Date()),
);
