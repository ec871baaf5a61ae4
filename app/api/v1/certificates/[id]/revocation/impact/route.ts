import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { inventoryRead } from "@/lib/api/route-presets";
import { revocationDateInput, toCsv } from "@/lib/domain/revocation-impact";
import { planRevocationImpact } from "@/lib/services/plan-revocation-impact";
import { csv } from "@/lib/api/responses/common";
import { revocationImpact } from "@/lib/api/responses/inventory";

// GET ?date=YYYY-MM-DD|ISO instant&format=json|csv: signing events a revocation at `date` would
// invalidate (signedAt ≥ date) and those that stay valid. Owners: their certificates only.

const impactQuery = z.object({
  date: revocationDateInput,
  format: z.enum(["json", "csv"]).default("json"),
});

export const GET = route(
  inventoryRead(
    "Signing events a revocation at a date would invalidate",
    [revocationImpact, csv("the same events as CSV (format=csv)")],
    impactQuery,
  ),
  async ({ db, scope, query, params }) => {
    // API tokens read the whole inventory; signed-in owners only their own certificates
    const impact = await planRevocationImpact(db, {
      certificateId: params.id,
      revocationDate: query.date,
      user: scope,
    });
    if (query.format === "json") return impact;
    const name = `revocation-impact-${impact.certificateId}-${query.date.toISOString().replace(/[:.]/g, "-")}.csv`;
    return new Response(toCsv(impact), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
    });
  },
);
