import { route } from "@/lib/api/handler";
import { reactivatePerson } from "@/lib/services/reactivate-person";
import { personChanged } from "@/lib/api/responses/inventory";

// The person is back: their signers are no longer orphaned by their leaving. Their user stays
// disabled until an administrator re-enables it (PATCH /api/v1/users/{id} { "isDisabled": false }).
export const POST = route(
  {
    summary: "Mark a person as back",
    responses: { 200: personChanged },
    permission: "inventory:write",
    tokenScopes: ["people:write"],
  },
  async ({ db, actor, params }) => {
    return reactivatePerson(db, params.id, { actor, now: new Date() });
  },
);
