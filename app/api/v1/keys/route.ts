import { route } from "@/lib/api/handler";
import { inventoryRead } from "@/lib/api/route-presets";
import { listKeyPage } from "@/lib/db/keys/list";
import { keyFiltersSchema } from "@/lib/domain/inventory-filters";
import { keyPage } from "@/lib/api/responses/inventory";

export const GET = route(
  inventoryRead("Signing keys, filtered and paged", keyPage, keyFiltersSchema),
  async ({ db, scope, query }) => listKeyPage(db, scope, query, new Date()),
);
