import { route } from "@/lib/api/handler";
import { inventoryRead } from "@/lib/api/route-presets";
import { listOwnerPage } from "@/lib/db/people/owners";
import { ownerFiltersSchema } from "@/lib/domain/inventory-filters";
import { ownerPage } from "@/lib/api/responses/inventory";

export const GET = route(
  inventoryRead("People or teams with their signers and open findings", ownerPage, ownerFiltersSchema),
  async ({ db, scope, query }) => listOwnerPage(db, scope, query, new Date()),
);
