import { type Db, withTransaction } from "@/lib/db/client";
import {
  addIncidentSteps,
  listIncidentsToEvaluate,
  loadIncidentState,
  type NewStep,
  updateOpenIncidentTask,
} from "@/lib/db/incidents/incidents";
import { loadRecoveryEvidence } from "@/lib/db/incidents/reads";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import { approvedCustodiesFor } from "@/lib/domain/gate/decide";
import { isInChannel, taskDoneAt } from "@/lib/domain/incidents";
import { SYSTEM_ACTOR, recordAudit, type Actor } from "./audit";
import { closeIfSettled } from "./incident-closing";

// Recovery tasks complete from the data, not by hand: per release channel, a new key of the
// incident's signers in custody the policy approves for the channel's environment, a certificate
// on it imported after the declaration, and a signing event in the channel made with such a
// certificate. Run after each signing event and by the incidents job; safe to re-run (a task moves
// only while open, and the incident closes once, when its last task settles).

export async function evaluateIncidentRecovery(
  db: Db,
  options: { now: Date; actor?: Actor; incidentIds?: string[] },
): Promise<{ tasksDone: number; incidentsClosed: number }> {
  const ids = options.incidentIds ?? (await listIncidentsToEvaluate(db));
  if (ids.length === 0) return { tasksDone: 0, incidentsClosed: 0 };
  const actor = options.actor ?? SYSTEM_ACTOR;
  const { policy } = await loadCurrentPolicy(db);
  let tasksDone = 0;
  let incidentsClosed = 0;
  for (const id of ids) {
    const state = await loadIncidentState(db, id);
    if (!state || state.status !== "open" || state.mode !== "compromise") continue;
    const evidence = await loadRecoveryEvidence(db, {
      signerIds: state.signerIds,
      compromisedKeyIds: state.keyIds,
      since: state.declaredAt,
    });
    const changes = state.tasks.flatMap((task) => {
      if (task.status !== "open") return [];
      const approved = approvedCustodiesFor(policy, task.environment);
      const certs = evidence.certificates
        .filter((c) => !approved || approved.includes(c.custody))
        .sort((a, b) => a.importedAt.getTime() - b.importedAt.getTime());
      const certIds = new Set(certs.map((c) => c.id));
      const event = evidence.events.find((e) => certIds.has(e.certificateId!) && isInChannel(e, task));
      const cert = event ? certs.find((c) => c.id === event.certificateId)! : certs[0];
      const progress = {
        newKeyAt: cert?.keyAt ?? null,
        newCertificateAt: cert?.importedAt ?? null,
        resignedAt: event?.recordedAt ?? null,
      };
      const unchanged =
        progress.newKeyAt?.getTime() === task.newKeyAt?.getTime() &&
        progress.newCertificateAt?.getTime() === task.newCertificateAt?.getTime() &&
        progress.resignedAt?.getTime() === task.resignedAt?.getTime();
      if (unchanged) return [];
      return [{ task, cert, event, progress, doneAt: taskDoneAt(progress) }];
    });
    if (changes.length === 0) continue;
    await withTransaction(db, async (tx) => {
      const steps: NewStep[] = [];
      for (const c of changes) {
        const updated = await updateOpenIncidentTask(tx, c.task.id, {
          ...c.progress,
          newKeyId: c.cert?.keyId ?? null,
          newCertificateId: c.cert?.id ?? null,
          signingEventId: c.event?.id ?? null,
          ...(c.doneAt ? { status: "done", doneAt: c.doneAt } : {}),
        });
        if (!updated || !c.doneAt) continue;
        tasksDone++;
        const channel = `${c.task.environment} × ${c.task.artifactType}`;
        steps.push({
          at: c.doneAt,
          kind: "task-done",
          actorLabel: "Signet",
          summary: `${channel} re-signed with a new key in approved custody`,
          details: { taskId: c.task.id, certificateId: c.cert?.id, signingEventId: c.event?.id },
        });
        await recordAudit(tx, {
          actor,
          action: "incident.task-done",
          targetType: "incident",
          targetId: id,
          summary: `Recovery of ${channel} done: new key, new certificate, re-signed`,
          details: { taskId: c.task.id, certificateId: c.cert?.id ?? null, signingEventId: c.event?.id ?? null },
          at: options.now,
        });
      }
      await addIncidentSteps(tx, id, steps);
      if (await closeIfSettled(tx, id, { actor, now: options.now })) incidentsClosed++;
    });
  }
  return { tasksDone, incidentsClosed };
}
