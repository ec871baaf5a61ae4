import { found } from "@/lib/api/errors";
import { inventoryRead } from "@/lib/api/route-presets";
import { route } from "@/lib/api/handler";
import { getKeyDetail } from "@/lib/db/keys/list";
import { keyDetail } from "@/lib/api/responses/inventory";

export const GET = route(
  inventoryRead("One signing key with its certificates, findings and history", keyDetail),
  async ({ db, scope, params }) => found(await getKeyDetail(db, scope, params.id, new Date()), "Key"),
);
