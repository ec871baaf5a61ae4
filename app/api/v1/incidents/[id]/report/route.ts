import { z } from "@/lib/domain/zod";
import { AppError, notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { csv } from "@/lib/api/responses/common";
import { incidentReport } from "@/lib/api/responses/incidents";
import { loadIncidentDetail } from "@/lib/db/incidents/reads";
import { incidentReportCsv, type IncidentReport } from "@/lib/domain/incidents";

// A finished drill's report (blast radius, slow or blocked steps, owners without response) as
// JSON or CSV, for auditors and the drill's own records.
export const GET = route(
  {
    summary: "A finished drill's report as JSON (default) or CSV",
    responses: { 200: [incidentReport, csv("the report, one line per item (format=csv)")] },
    permission: "incidents:read",
    query: z.object({ format: z.enum(["json", "csv"]).default("json") }),
  },
  async ({ db, scope, params, query }) => {
    const incident = await loadIncidentDetail(db, params.id, scope);
    if (!incident) throw notFound("Incident");
    if (!incident.report) throw new AppError("conflict", "The report is written when the drill ends");
    const report = incident.report as IncidentReport;
    const body = query.format === "csv" ? incidentReportCsv(report) : JSON.stringify(report, null, 2);
    return new Response(body, {
      headers: {
        "content-type": query.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="drill-report-${incident.id}.${query.format}"`,
        "cache-control": "no-store",
      },
    });
  },
);
