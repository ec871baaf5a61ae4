import { route } from "@/lib/api/handler";
import { getOverview } from "@/lib/db/inventory/overview";
import { overview } from "@/lib/api/responses/inventory";

// tokens read the whole inventory; signed-in owners only what they own
export const GET = route(
  {
    summary: "The overview's numbers, each with the list that shows it",
    responses: { 200: overview },
    permission: "inventory:read",
    tokenScopes: ["read"],
  },
  async ({ db, scope }) => getOverview(db, scope, new Date()),
);
