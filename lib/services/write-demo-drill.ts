import type { Tx } from "@/lib/db/client";
import {
  acknowledgeIncidentNotices,
  addIncidentSteps,
  createIncident,
  insertIncidentNotices,
  insertIncidentTasks,
  loadIncidentState,
  type NewNotice,
  type NewStep,
  updateOpenIncident,
  updateOpenIncidentTask,
} from "@/lib/db/incidents/incidents";
import { loadCompromiseScope, loadIncidentDetail, resolveIncidentSubject } from "@/lib/db/incidents/reads";
import { channelsOf } from "@/lib/domain/incidents";
import { defaultPolicy } from "@/lib/domain/policy";
import { revocationDeadline } from "@/lib/domain/revocation";
import { daysAgo, type DemoDrill } from "@/prisma/demo";
import { drillReportOf } from "./drill-report";

// The demo's finished drill (prisma/demo/drill.ts), written as rows in the load's transaction,
// like the demo campaign: the records a drill leaves (steps marked DRILL, notices, rehearsed
// tasks, the report) without the mail a real declaration queues for the made-up owners.

const HOUR = 3_600_000;

export async function writeDemoDrill(
  tx: Tx,
  drill: DemoDrill,
  ids: {
    signerIds: Map<string, string>;
    personIds: Map<string, string>;
    /** a person's label (their email) by people.ts key */
    labelOf: (personKey: string) => string;
    now: Date;
  },
): Promise<string> {
  const subjectId = ids.signerIds.get(drill.signer)!;
  const subject = (await resolveIncidentSubject(tx, "signer", subjectId))!;
  const scope = await loadCompromiseScope(tx, subject.keyIds, { extraSignerIds: [subjectId] });
  const declaredAt = daysAgo(ids.now, drill.declaredDaysAgo);
  const suspectedAt = daysAgo(ids.now, drill.suspectedDaysAgo);
  const after = (hours: number) => new Date(declaredAt.getTime() + hours * HOUR);
  const by = ids.labelOf(drill.declaredBy);
  const id = await createIncident(
    tx,
    {
      mode: "drill",
      subjectType: "signer",
      subjectId,
      subjectLabel: subject.label,
      keyIds: subject.keyIds,
      reason: drill.reason,
      suspectedAt,
      declaredAt,
      declaredById: null,
      declaredByLabel: by,
    },
    scope.signers.map((s) => ({ signerId: s.id, statusBefore: s.status })),
  );
  const channels = channelsOf(scope.events);
  await insertIncidentTasks(tx, id, channels);
  const notices: NewNotice[] = scope.signers.flatMap((s) =>
    [
      { owner: s.primaryOwner, role: "primary-owner" },
      { owner: s.backupOwner, role: "backup-owner" },
    ].flatMap(({ owner, role }) =>
      owner?.isActive
        ? [{ personId: owner.id, recipientEmail: owner.email, role, messageId: null, notifiedAt: declaredAt }]
        : [],
    ),
  );
  await insertIncidentNotices(tx, id, notices);
  const deadlineAt = revocationDeadline("keyCompromise", declaredAt);
  const steps: NewStep[] = [
    { at: declaredAt, kind: "declared", actorLabel: by, summary: `[DRILL] ${subject.label} declared compromised` },
    ...scope.signers.map((s) => ({
      at: declaredAt,
      kind: "signer-suspended",
      actorLabel: by,
      summary: `[DRILL] Signer ${s.name} would be suspended`,
    })),
    ...scope.certificates.map((c) => ({
      at: declaredAt,
      kind: "revocation-requested",
      actorLabel: by,
      summary: `[DRILL] Revocation would be requested for ${c.label} (serial ${c.serialHex}) by ${deadlineAt.toISOString()}`,
    })),
    ...channels.map((c) => ({
      at: declaredAt,
      kind: "task-opened",
      actorLabel: "Signet",
      summary: `[DRILL] Recovery task opened for ${c.environment} × ${c.artifactType}`,
    })),
    {
      at: declaredAt,
      kind: "notified",
      actorLabel: "Signet",
      summary: `[DRILL] ${notices.length} people told (owners and backup owners; the demo sends no mail)`,
    },
  ];
  for (const a of drill.acknowledgements) {
    await acknowledgeIncidentNotices(tx, id, ids.personIds.get(a.person)!, after(a.afterHours));
    steps.push({
      at: after(a.afterHours),
      kind: "acknowledged",
      actorLabel: ids.labelOf(a.person),
      summary: "[DRILL] Acknowledged",
    });
  }
  const rehearsedAt = after(drill.rehearsedAfterHours);
  const state = (await loadIncidentState(tx, id))!;
  for (const t of state.tasks) {
    await updateOpenIncidentTask(tx, t.id, {
      status: "done",
      doneAt: rehearsedAt,
      newKeyAt: rehearsedAt,
      newCertificateAt: rehearsedAt,
      resignedAt: rehearsedAt,
    });
    steps.push({
      at: rehearsedAt,
      kind: "task-done",
      actorLabel: by,
      summary: `[DRILL] Recovery of ${t.environment} × ${t.artifactType} rehearsed`,
    });
  }
  const endedAt = after(drill.endedAfterHours);
  // the drill was contained on declaration (nothing real to suspend), as a declaration records it
  await updateOpenIncident(tx, id, { containedAt: declaredAt });
  const detail = (await loadIncidentDetail(tx, id, { role: "admin", personId: null }))!;
  const { report, recoveredAt } = drillReportOf(detail, scope, {
    endedAt,
    responseHours: defaultPolicy.signers.drillResponseHours,
  });
  steps.push({
    at: endedAt,
    kind: "closed",
    actorLabel: by,
    summary: `[DRILL] Drill ended: ${report.slowOrBlocked.length} slow or blocked steps, ${report.ownersWithoutResponse.length} owners without response`,
  });
  await addIncidentSteps(tx, id, steps);
  await updateOpenIncident(tx, id, {
    recoveredAt,
    status: "closed",
    closedAt: endedAt,
    closedByLabel: by,
    reportJson: JSON.stringify(report),
  });
  return id;
}
