import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { listRoute } from "@/lib/api/list-route";
import { incidentDeclared, incidentPage } from "@/lib/api/responses/incidents";
import { listIncidentPage } from "@/lib/db/incidents/reads";
import { incidentFiltersSchema } from "@/lib/domain/inventory-filters";
import { declareIncidentSchema, INCIDENT_MODES } from "@/lib/domain/incidents";
import { declareIncident } from "@/lib/services/declare-incident";

// Key-compromise incidents and drills: the history (auditors read drills here), and "declare
// compromised" on a key or a signer (mode "drill" rehearses it without suspending or revoking).
// The history is the /incidents page's read model, { rows, total, page, pageSize }; `incidents`
// (the page's rows) stays for older callers.
export const GET = listRoute(
  "Key-compromise incidents and drills, newest first, paged (mode=drill: the drill history)",
  {
    // an unknown mode is refused, as it was before the list was paged
    filters: incidentFiltersSchema.extend({ mode: z.enum(INCIDENT_MODES).optional() }),
    page: incidentPage,
    permission: "incidents:read",
  },
  async ({ db, scope, query }) => {
    const page = await listIncidentPage(db, scope, query);
    return { ...page, incidents: page.rows };
  },
);

export const POST = route(
  {
    summary: "Declare a key or signer compromised (or start a drill of it)",
    responses: { 201: incidentDeclared },
    permission: "incidents:manage",
    body: declareIncidentSchema,
  },
  async ({ db, body, actor }) =>
    Response.json(await declareIncident(db, body, { actor, now: new Date() }), { status: 201 }),
);
