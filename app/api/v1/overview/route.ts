import { route } from "@/lib/api/handler";
import { getOverview } from "@/lib/db/inventory/overview";

// tokens read the whole inventory; signed-in owners only what they own
export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, scope }) =>
  getOverview(db, scope, new Date()),
);
