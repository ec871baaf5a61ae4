import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { recordAudit } from "@/lib/services/audit";
import { exportCampaign, toCsv } from "@/lib/services/export-campaign";
import { withTransaction } from "@/lib/db/client";
import { campaignExportJson } from "@/lib/api/responses/admin";
import { csv } from "@/lib/api/responses/common";

// Audit evidence: every answer of the campaign, as CSV or JSON. The export itself is audited.
export const GET = route(
  {
    summary: "A campaign's answers as CSV (default) or JSON",
    responses: { 200: [csv("every answer of the campaign (format=csv, the default)"), campaignExportJson] },
    permission: "campaigns:read",
    query: z.object({ format: z.enum(["csv", "json"]).default("csv") }),
  },
  async ({ db, actor, params, query }) => {
    const result = await exportCampaign(db, params.id);
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor,
        action: "campaign.exported",
        targetType: "campaign",
        targetId: params.id,
        summary: `Campaign results exported as ${query.format.toUpperCase()}`,
        details: { format: query.format, rows: result.rows.length },
      }),
    );
    const body = query.format === "csv" ? toCsv(result.rows) : JSON.stringify(result.json, null, 2);
    return new Response(body, {
      headers: {
        "content-type": query.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${result.fileBase}.${query.format}"`,
        "cache-control": "no-store",
      },
    });
  },
);
