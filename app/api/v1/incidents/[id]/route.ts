import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { incidentDetail } from "@/lib/api/responses/incidents";
import { loadIncidentDetail } from "@/lib/db/incidents/reads";
import { msToContain, msToRecover } from "@/lib/domain/incidents";

// One incident or drill: its timeline (who did what), recovery tasks, notices and revocation requests.
export const GET = route(
  {
    summary: "An incident or drill with its timeline, tasks, notices and timings",
    responses: { 200: incidentDetail },
    permission: "incidents:read",
  },
  async ({ db, scope, params }) => {
    const incident = await loadIncidentDetail(db, params.id, scope);
    if (!incident) throw notFound("Incident");
    return { ...incident, msToContain: msToContain(incident), msToRecover: msToRecover(incident) };
  },
);
