import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { loadIncidentDetail } from "@/lib/db/incidents/reads";
import { can } from "@/lib/domain/authz";
import { formatDuration, msToContain, msToRecover, type IncidentReport } from "@/lib/domain/incidents";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { RowsTable } from "@/components/ui/table";
import { RowActionButton } from "@/components/ui/row-action-button";
import { WaiveTaskForm } from "@/components/incidents/incident-forms";
import { acknowledgeIncidentAction, confirmDrillTaskAction, endDrillAction, waiveTaskAction } from "../actions";

export const metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("/incidents/[id]");
  const { id } = await params;
  const incident = await loadIncidentDetail(getDb(), id, user);
  if (!incident) notFound();
  const isDrill = incident.mode === "drill";
  const isOpen = incident.status === "open";
  const canManage = can(user.role, "incidents:manage") && isOpen;
  const mine = incident.notices.filter((n) => n.personId && n.personId === user.personId && !n.acknowledgedAt);
  const report = incident.report as IncidentReport | null;
  return (
    <>
      <PageHeader
        title={`${isDrill ? "DRILL: " : ""}Compromise of ${incident.subjectLabel}`}
        description={incident.reason}
        actions={
          <>
            {isDrill ? <Badge tone="violet">DRILL</Badge> : <Badge tone="red">Compromise</Badge>}
            <Badge tone={isOpen ? "amber" : "green"}>{incident.status}</Badge>
            {mine.length ? (
              <RowActionButton
                id={incident.id}
                label="Acknowledge"
                ariaLabel="Acknowledge this incident"
                action={acknowledgeIncidentAction}
              />
            ) : null}
            {canManage && isDrill ? (
              <RowActionButton id={incident.id} label="End the drill" action={endDrillAction} />
            ) : null}
          </>
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Suspected compromise" value={incident.suspectedAt.toISOString().slice(0, 16).replace("T", " ")} />
        <Stat label="Declared" value={incident.declaredAt.toISOString().slice(0, 16).replace("T", " ")} />
        <Stat label="Time to contain" value={formatDuration(msToContain(incident))} />
        <Stat label="Time to recover" value={formatDuration(msToRecover(incident))} />
      </div>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title="Timeline" className="xl:col-span-2">
          <RowsTable
            caption="What happened, oldest first"
            columns={[
              { label: "When", render: (s) => <DateText date={s.at} /> },
              { label: "Who", render: (s) => s.actorLabel },
              { label: "What", className: "whitespace-normal", render: (s) => s.summary },
            ]}
            rows={incident.steps}
            empty="Nothing recorded."
          />
        </Card>
        <Card title="Recovery tasks (one per release channel)" className="xl:col-span-2">
          <RowsTable
            caption="Release channels to recover: new key in approved custody, new certificate, re-signed"
            columns={[
              { label: "Environment", render: (t) => t.environment },
              { label: "Artifact type", render: (t) => t.artifactType },
              { label: "New key", render: (t) => (t.newKeyAt ? <DateText date={t.newKeyAt} /> : "—") },
              {
                label: "New certificate",
                render: (t) => (t.newCertificateAt ? <DateText date={t.newCertificateAt} /> : "—"),
              },
              { label: "Re-signed", render: (t) => (t.resignedAt ? <DateText date={t.resignedAt} /> : "—") },
              {
                label: "State",
                className: "whitespace-normal",
                render: (t) => (
                  <>
                    {t.status}
                    {t.waivedReason ? `: ${t.waivedReason} (${t.waivedByLabel})` : ""}
                  </>
                ),
              },
              {
                label: "",
                render: (t) =>
                  canManage && t.status === "open" ? (
                    <div className="flex flex-col gap-2">
                      {isDrill ? (
                        <RowActionButton
                          id={t.id}
                          label="Rehearsed"
                          ariaLabel={`Confirm the recovery of ${t.environment} × ${t.artifactType} was rehearsed`}
                          action={confirmDrillTaskAction}
                        />
                      ) : null}
                      <WaiveTaskForm
                        action={waiveTaskAction}
                        taskId={t.id}
                        channel={`${t.environment} × ${t.artifactType}`}
                      />
                    </div>
                  ) : null,
              },
            ]}
            rows={incident.tasks}
            empty="The key signed nothing Signet knows of: no channel to recover."
          />
        </Card>
        <Card title="Signers">
          <RowsTable
            caption="Signers using the key"
            columns={[
              { label: "Signer", render: (s) => <Link href={`/signers/${s.signer.id}`}>{s.signer.name}</Link> },
              { label: "Before", render: (s) => s.statusBefore },
              { label: "Now", render: (s) => s.signer.status },
            ]}
            rows={incident.signers.map((s) => ({ id: s.signer.id, ...s }))}
            empty="No signer."
          />
        </Card>
        <Card title="People told">
          <RowsTable
            caption="Who was emailed and who answered"
            columns={[
              { label: "Recipient", render: (n) => n.recipientEmail },
              { label: "Role", render: (n) => n.role },
              {
                label: "Acknowledged",
                render: (n) => (n.acknowledgedAt ? <DateText date={n.acknowledgedAt} /> : "no"),
              },
            ]}
            rows={incident.notices}
            empty="Nobody could be told."
          />
        </Card>
        {!isDrill ? (
          <Card title="Revocation requests" className="xl:col-span-2">
            <RowsTable
              caption="Revocations requested from the CA"
              columns={[
                {
                  label: "Certificate",
                  render: (r) => <Link href={`/certificates/${r.certificateId}`}>{r.certificateLabel}</Link>,
                },
                { label: "Serial", className: "font-mono", render: (r) => r.serialHex },
                {
                  label: "Proposed revocation date",
                  render: (r) => (r.proposedRevocationAt ? <DateText date={r.proposedRevocationAt} /> : "—"),
                },
                { label: "CA deadline", render: (r) => <DateText date={r.deadlineAt} /> },
                { label: "State", render: (r) => r.status },
              ]}
              rows={incident.revocations}
              empty="No unexpired certificate to revoke."
            />
          </Card>
        ) : null}
        {report ? (
          <Card title="Drill report" className="xl:col-span-2">
            <div className="space-y-3 text-sm">
              <p>
                Blast radius: {report.blastRadius.keys} key(s), {report.blastRadius.signers.length} signer(s) (
                {report.blastRadius.signers.join(", ")}), {report.blastRadius.certificates} certificate(s),{" "}
                {report.blastRadius.channels.length} channel(s), {report.blastRadius.artifacts} artifact(s).
              </p>
              <p>Slow or blocked steps: {report.slowOrBlocked.length}</p>
              <ul className="list-disc pl-6">
                {report.slowOrBlocked.map((s) => (
                  <li key={s.step}>
                    {s.step}: {s.state} ({s.detail})
                  </li>
                ))}
              </ul>
              <p>
                Owners who did not respond:{" "}
                {report.ownersWithoutResponse.map((o) => `${o.email} (${o.role})`).join(", ") || "none"}
              </p>
              <p className="flex gap-4">
                <a href={`/api/v1/incidents/${incident.id}/report?format=csv`} download>
                  Export report (CSV)
                </a>
                <a href={`/api/v1/incidents/${incident.id}/report?format=json`} download>
                  Export report (JSON)
                </a>
              </p>
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
