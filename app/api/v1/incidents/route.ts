import { z } from "zod";
import { route } from "@/lib/api/handler";
import { incidentDeclared, incidentList } from "@/lib/api/responses/incidents";
import { listIncidents } from "@/lib/db/incidents/reads";
import { declareIncidentSchema, INCIDENT_MODES } from "@/lib/domain/incidents";
import { declareIncident } from "@/lib/services/declare-incident";

// Key-compromise incidents and drills: the history (auditors read drills here), and "declare
// compromised" on a key or a signer (mode "drill" rehearses it without suspending or revoking).
export const GET = route(
  {
    summary: "Key-compromise incidents and drills, newest first (mode=drill: the drill history)",
    responses: { 200: incidentList },
    permission: "incidents:read",
    query: z.object({ mode: z.enum(INCIDENT_MODES).optional() }),
  },
  async ({ db, scope, query }) => ({ incidents: await listIncidents(db, scope, { mode: query.mode }) }),
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
