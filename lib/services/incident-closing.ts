import type { Tx } from "@/lib/db/client";
import { addIncidentSteps, loadIncidentState, updateOpenIncident } from "@/lib/db/incidents/incidents";
import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";
import {
  drillLabel,
  formatDuration,
  incidentWebhookEvent,
  isEveryTaskSettled,
  msToContain,
  msToRecover,
} from "@/lib/domain/incidents";
import { recordAuditBy, type Actor } from "./audit";

// The one place a compromise incident closes: when its last task is done or waived. Recovery time
// runs to the latest task's completion (a waiver counts at the moment it was given).

export async function closeIfSettled(tx: Tx, incidentId: string, options: { actor: Actor; now: Date }) {
  const state = await loadIncidentState(tx, incidentId);
  if (!state || state.status !== "open" || state.mode !== "compromise") return false;
  if (!isEveryTaskSettled(state.tasks)) return false;
  const times = state.tasks.map((t) => (t.doneAt ?? options.now).getTime());
  const at = state.tasks.length ? new Date(Math.max(...times)) : options.now;
  const closed = await updateOpenIncident(tx, incidentId, {
    recoveredAt: at,
    status: "closed",
    closedAt: options.now,
    closedByLabel: options.actor.label,
  });
  if (!closed) return false;
  const took = formatDuration(msToRecover({ ...state, recoveredAt: at }));
  await addIncidentSteps(tx, incidentId, [
    {
      at: options.now,
      kind: "closed",
      actorLabel: options.actor.label,
      summary: drillLabel(state.mode, `Every channel recovered or waived in ${took}: incident closed`),
      details: { recoveredAt: at.toISOString() },
    },
  ]);
  await recordAuditBy(tx, options, {
    action: "incident.closed",
    targetType: "incident",
    targetId: incidentId,
    summary: `Incident on ${state.subjectLabel} closed: recovered in ${took}`,
    details: { recoveredAt: at.toISOString() },
  });
  const timings = { ...state, recoveredAt: at };
  await enqueueWebhookEvents(
    tx,
    [
      incidentWebhookEvent("incident.closed", {
        incidentId,
        mode: state.mode,
        subjectLabel: state.subjectLabel,
        at: options.now,
        data: {
          recoveredAt: at.toISOString(),
          msToContain: msToContain(timings),
          msToRecover: msToRecover(timings),
          tasks: state.tasks.map((t) => ({
            environment: t.environment,
            artifactType: t.artifactType,
            status: t.status,
          })),
        },
      }),
    ],
    { now: options.now },
  );
  return true;
}
