import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { reactivatePerson } from "@/lib/services/reactivate-person";
import { personChanged } from "@/lib/api/responses/inventory";

// The person is back: their signers are no longer orphaned by their leaving. Their user stays
// disabled until an administrator re-enables it (PATCH /api/v1/users/{id} { "isDisabled": false }).
export const POST = route(
  inventoryWrite("Mark a person as back", ["people:write"], { 200: personChanged }),
  async ({ db, actor, params }) => {
    return reactivatePerson(db, params.id, { actor, now: new Date() });
  },
);
