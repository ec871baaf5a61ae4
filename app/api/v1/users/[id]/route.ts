import { route } from "@/lib/api/handler";
import { userAdministration } from "@/lib/api/route-presets";
import { changeUserAccess, userAccessPatchSchema, toUserAccessChange } from "@/lib/services/change-user-access";
import { userChanged } from "@/lib/api/responses/admin";

// PATCH { "role": "analyst" } changes a user's role; { "isDisabled": true, "reason": "…" } disables
// them (sessions end), { "isDisabled": false } re-enables them. Administrators, or users:write tokens;
// the last active administrator is never cut off (409).
export const PATCH = route(
  userAdministration("Change a user's role, or disable or re-enable them", { 200: userChanged }, userAccessPatchSchema),
  async ({ db, actor, body, params }) => {
    return changeUserAccess(db, params.id, toUserAccessChange(body), { actor, now: new Date() });
  },
);
