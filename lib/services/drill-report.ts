import type { CompromiseScope, IncidentDetail } from "@/lib/db/incidents/reads";
import { buildIncidentReport, type IncidentReport } from "@/lib/domain/incidents";

// The report a drill ends with, from its stored record and the scope of its keys: recovered when
// every task was settled, at the latest rehearsal. Shared by endDrill and the demo's drill.

export function drillReportOf(
  incident: IncidentDetail,
  scope: CompromiseScope,
  options: { endedAt: Date; responseHours: number },
): { report: IncidentReport; recoveredAt: Date | null } {
  const finished = incident.tasks.filter((t) => t.doneAt).map((t) => t.doneAt!.getTime());
  const isAllDone = incident.tasks.every((t) => t.status !== "open");
  const recoveredAt = isAllDone && finished.length ? new Date(Math.max(...finished)) : null;
  const report = buildIncidentReport(
    {
      incidentId: incident.id,
      mode: "drill",
      subject: incident.subjectLabel,
      suspectedAt: incident.suspectedAt,
      declaredAt: incident.declaredAt,
      containedAt: incident.containedAt,
      recoveredAt,
      keys: incident.keyIds.length,
      signers: scope.signers.map((s) => ({
        name: s.name,
        hasOwner: !!(s.primaryOwner?.isActive || s.backupOwner?.isActive),
      })),
      certificates: scope.certificates.length,
      artifacts: new Set(scope.events.map((e) => e.artifactDigest ?? e.artifactName)).size,
      tasks: incident.tasks,
      notices: incident.notices,
    },
    options,
  );
  return { report, recoveredAt };
}
