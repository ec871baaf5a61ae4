import { route } from "@/lib/api/handler";
import { findingTransition } from "@/lib/api/responses/inventory";
import { invalidateOverview } from "@/lib/db/inventory/overview";
import { triageRequestSchema } from "@/lib/domain/finding-triage";
import { triageFinding } from "@/lib/services/triage-finding";

// POST { action, reason?, until?: "YYYY-MM-DD" }: one move of the finding's lifecycle (admin,
// analyst; not API tokens, as before). A refusal is a 422 naming the field, or a 409 for the state.
export const POST = route(
  {
    summary:
      "Move a finding through its lifecycle: acknowledge, accept the risk, mark a false positive, resolve, reopen",
    responses: { 200: findingTransition },
    permission: "findings:triage",
    body: triageRequestSchema,
  },
  async ({ db, actor, body, params, ip }) => {
    const result = await triageFinding(db, { ...body, findingId: params.id, actor, ip }, { now: new Date() });
    // the overview's finding counts change: recompute them on the next read
    invalidateOverview(db);
    return result;
  },
);
