import { route } from "@/lib/api/handler";
import { triageWrite } from "@/lib/api/route-presets";
import { bulkFindingTransition } from "@/lib/api/responses/inventory";
import { invalidateOverview } from "@/lib/db/inventory/overview";
import { bulkTriageRequestSchema } from "@/lib/domain/finding-triage";
import { bulkTriageFindings } from "@/lib/services/bulk-triage-findings";

// POST { ids, action, reason?, until? }: the same move for many findings (bulk triage from the
// findings list). Answers which changed and which were skipped, with why.
export const POST = route(
  triageWrite(
    "The same lifecycle move for many findings (bulk triage); answers which changed and which were skipped",
    { 200: bulkFindingTransition },
    bulkTriageRequestSchema,
  ),
  async ({ db, actor, body, ip }) => {
    const result = await bulkTriageFindings(db, { ...body, actor, ip }, { now: new Date() });
    if (result.changed.length > 0) invalidateOverview(db);
    return result;
  },
);
