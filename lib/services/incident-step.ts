import type { Tx } from "@/lib/db/client";
import { addIncidentSteps } from "@/lib/db/incidents/incidents";
import { recordAudit, type Actor } from "./audit";

// What a person did to an incident, written twice in the change's transaction with one summary:
// a step on the incident's timeline (what its page shows) and the audit row.

export async function recordIncidentStep(
  tx: Tx,
  incidentId: string,
  step: { kind: string; action: string; summary: string; details: Record<string, unknown> },
  options: { actor: Actor; now: Date },
) {
  const { kind, action, summary, details } = step;
  const { actor, now } = options;
  await addIncidentSteps(tx, incidentId, [{ at: now, kind, actorLabel: actor.label, summary }]);
  await recordAudit(tx, { actor, action, targetType: "incident", targetId: incidentId, summary, details, at: now });
}
