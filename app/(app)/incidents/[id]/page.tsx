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
import { RowsTable, Td } from "@/components/ui/table";
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
              <RowActionButton
                id={incident.id}
                label="End the drill"
                ariaLabel="End the drill"
                action={endDrillAction}
              />
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
            headings={["When", "Who", "What"]}
            rows={incident.steps}
            empty="Nothing recorded."
            row={(s) => (
              <>
                <Td>
                  <DateText date={s.at} />
                </Td>
                <Td>{s.actorLabel}</Td>
                <Td className="whitespace-normal">{s.summary}</Td>
              </>
            )}
          />
        </Card>
        <Card title="Recovery tasks (one per release channel)" className="xl:col-span-2">
          <RowsTable
            caption="Release channels to recover: new key in approved custody, new certificate, re-signed"
            headings={["Environment", "Artifact type", "New key", "New certificate", "Re-signed", "State", ""]}
            rows={incident.tasks}
            empty="The key signed nothing Signet knows of: no channel to recover."
            row={(t) => (
              <>
                <Td>{t.environment}</Td>
                <Td>{t.artifactType}</Td>
                <Td>{t.newKeyAt ? <DateText date={t.newKeyAt} /> : "—"}</Td>
                <Td>{t.newCertificateAt ? <DateText date={t.newCertificateAt} /> : "—"}</Td>
                <Td>{t.resignedAt ? <DateText date={t.resignedAt} /> : "—"}</Td>
                <Td className="whitespace-normal">
                  {t.status}
                  {t.waivedReason ? `: ${t.waivedReason} (${t.waivedByLabel})` : ""}
                </Td>
                <Td>
                  {canManage && t.status === "open" ? (
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
                  ) : null}
                </Td>
              </>
            )}
          />
        </Card>
        <Card title="Signers">
          <RowsTable
            caption="Signers using the key"
            headings={["Signer", "Before", "Now"]}
            rows={incident.signers.map((s) => ({ id: s.signer.id, ...s }))}
            empty="No signer."
            row={(s) => (
              <>
                <Td>
                  <Link href={`/signers/${s.signer.id}`}>{s.signer.name}</Link>
                </Td>
                <Td>{s.statusBefore}</Td>
                <Td>{s.signer.status}</Td>
              </>
            )}
          />
        </Card>
        <Card title="People told">
          <RowsTable
            caption="Who was emailed and who answered"
            headings={["Recipient", "Role", "Acknowledged"]}
            rows={incident.notices}
            empty="Nobody could be told."
            row={(n) => (
              <>
                <Td>{n.recipientEmail}</Td>
                <Td>{n.role}</Td>
                <Td>{n.acknowledgedAt ? <DateText date={n.acknowledgedAt} /> : "no"}</Td>
              </>
            )}
          />
        </Card>
        {!isDrill ? (
          <Card title="Revocation requests" className="xl:col-span-2">
            <RowsTable
              caption="Revocations requested from the CA"
              headings={["Certificate", "Serial", "Proposed revocation date", "CA deadline", "State"]}
              rows={incident.revocations}
              empty="No unexpired certificate to revoke."
              row={(r) => (
                <>
                  <Td>
                    <Link href={`/certificates/${r.certificateId}`}>{r.certificateLabel}</Link>
                  </Td>
                  <Td className="font-mono">{r.serialHex}</Td>
                  <Td>{r.proposedRevocationAt ? <DateText date={r.proposedRevocationAt} /> : "—"}</Td>
                  <Td>
                    <DateText date={r.deadlineAt} />
                  </Td>
                  <Td>{r.status}</Td>
                </>
              )}
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
