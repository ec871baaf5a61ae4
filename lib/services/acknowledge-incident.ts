import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { acknowledgeIncidentNotices, loadIncidentState } from "@/lib/db/incidents/incidents";
import { drillLabel } from "@/lib/domain/incidents";
import type { Actor } from "./audit";
import { recordIncidentStep } from "./incident-step";

// An owner answers the incident's email: the acknowledgement is their response time, and a drill's
// report names the owners who never gave one.

export async function acknowledgeIncident(
  db: Db,
  input: { incidentId: string; personId: string | null },
  options: { actor: Actor; now: Date },
) {
  const state = await loadIncidentState(db, input.incidentId);
  if (!state) throw notFound("Incident");
  if (!input.personId) throw new AppError("forbidden", "Only a person the incident told can acknowledge it");
  const { actor, now } = options;
  return withTransaction(db, async (tx) => {
    const count = await acknowledgeIncidentNotices(tx, state.id, input.personId!, now);
    if (count === 0) throw new AppError("conflict", "You were not told about this incident, or have acknowledged it");
    const summary = drillLabel(state.mode, `${actor.label} acknowledged the incident`);
    const details = { personId: input.personId, notices: count };
    const step = { kind: "acknowledged", action: "incident.acknowledged", summary, details };
    await recordIncidentStep(tx, state.id, step, options);
    return { acknowledged: count };
  });
}
