import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { updateOpenIncident } from "@/lib/db/incidents/incidents";
import { loadCompromiseScope, loadIncidentDetail } from "@/lib/db/incidents/reads";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";
import { incidentWebhookEvent } from "@/lib/domain/incidents";
import type { Actor } from "./audit";
import { recordIncidentStep } from "./incident-step";
import { drillReportOf } from "./drill-report";
import { evaluateFindings } from "./evaluate-findings";

// Ends a drill and writes its report: the blast radius it found, the steps that were slow (past
// the policy's response time) or blocked (never finished), and the owners who never answered.
// The drill then counts as each covered signer's last drill (signer.drill-overdue).

export async function endDrill(db: Db, input: { incidentId: string }, options: { actor: Actor; now: Date }) {
  const incident = await loadIncidentDetail(db, input.incidentId, { role: "admin", personId: null });
  if (!incident) throw notFound("Drill");
  if (incident.mode !== "drill")
    throw new AppError("conflict", "Only a drill is ended by hand; an incident closes when it has recovered");
  if (incident.status !== "open") throw new AppError("conflict", "The drill has ended already");
  const { actor, now } = options;
  const [scope, { policy }] = await Promise.all([
    loadCompromiseScope(db, incident.keyIds, { extraSignerIds: incident.signers.map((s) => s.signer.id) }),
    loadCurrentPolicy(db),
  ]);
  const { report, recoveredAt } = drillReportOf(incident, scope, {
    endedAt: now,
    responseHours: policy.signers.drillResponseHours,
  });
  await withTransaction(db, async (tx) => {
    const isEnded = await updateOpenIncident(tx, incident.id, {
      status: "closed",
      closedAt: now,
      closedByLabel: actor.label,
      recoveredAt,
      reportJson: JSON.stringify(report),
    });
    if (!isEnded) throw new AppError("conflict", "The drill has ended already");
    const summary = `[DRILL] Drill ended: ${report.slowOrBlocked.length} slow or blocked steps, ${report.ownersWithoutResponse.length} owners without response`;
    const step = { kind: "closed", action: "incident.drill-ended", summary, details: { report } };
    await recordIncidentStep(tx, incident.id, step, options);
    const event = incidentWebhookEvent("incident.closed", {
      incidentId: incident.id,
      mode: "drill",
      subjectLabel: incident.subjectLabel,
      at: now,
      data: { report },
    });
    await enqueueWebhookEvents(tx, [event], { now });
  });
  // the drill now counts as each signer's last one: signer.drill-overdue resolves at once
  await evaluateFindings(db, { now, signerIds: incident.signers.map((s) => s.signer.id) });
  return report;
}
