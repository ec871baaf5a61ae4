import { route } from "@/lib/api/handler";
import { invalidateOverview } from "@/lib/db/inventory/overview";
import { suppressFinding, suppressFindingInput } from "@/lib/services/suppress-finding";
import { suppressedFinding } from "@/lib/api/responses/inventory";

// POST { reason, until: "YYYY-MM-DD" }: accept the risk until that day (admin, analyst)
export const POST = route(
  {
    summary: "Accept a finding's risk until a date, with a reason",
    responses: { 200: suppressedFinding },
    permission: "findings:triage",
    body: suppressFindingInput,
  },
  async ({ db, actor, body, params, ip }) => {
    const result = await suppressFinding(db, { ...body, findingId: params.id, actor, ip }, { now: new Date() });
    // the overview's finding counts change: recompute them on the next read
    invalidateOverview(db);
    return result;
  },
);
