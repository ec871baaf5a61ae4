import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { findVisibleSigner, signerAttestations, signerAuditTrail, signerFindings } from "@/lib/db/signers/detail";
import { listSigningEvents } from "@/lib/db/signing-events/signing-activity";
import { can } from "@/lib/domain/authz";
import { listGateDecisions } from "@/lib/db/gate/decisions";
import { listGateExceptions } from "@/lib/db/gate/exceptions";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import { SignerGatePanel } from "@/components/gate/signer-gate-panel";
import { ApprovalStateBadge } from "@/components/approvals/approval-state-badge";
import { RequestApprovalForm } from "@/components/approvals/request-approval-form";
import { RowActionButton } from "@/components/ui/row-action-button";
import { approvalView, listApprovalRequests } from "@/lib/db/approvals/approvals";
import { makeGrantJustInTimeAction, requestApprovalAction } from "../../approvals/actions";
import { KIND_LABELS, type SignerKind } from "@/lib/domain/signer-input";
import { Card, PageHeader } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { buttonClass } from "@/components/ui/button";
import { parsePage } from "@/lib/domain/inventory-filters";
import { FindingList } from "@/components/signers/finding-list";
import { SigningTimeline } from "@/components/signers/signing-timeline";
import { CredentialsPanel } from "@/components/signers/credentials-panel";
import { addSignerCredentialAction, removeSignerCredentialAction, updateSignerCredentialAction } from "../actions";
import {
  CertificatesTable,
  DeclaredCustody,
  FactsPanel,
  KeysTable,
  OwnershipPanel,
  PrivilegesTable,
} from "@/components/signers/signer-sections";
import { AttestationHistory, AuditTrail } from "@/components/signers/history";

export const metadata = { title: "Signer" };

const EVENTS_PAGE_SIZE = 20;

export default async function SignerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string; created?: string; saved?: string }>;
}) {
  const user = await requirePageUser("/signers/[id]");
  const { id } = await params;
  const sp = await searchParams;
  const db = getDb();
  // owners get a 404 for signers they do not own: the page does not confirm the id exists
  const signer = await findVisibleSigner(db, user, id);
  if (!signer) notFound();
  const page = parsePage(sp.page);
  const now = new Date();
  const [findings, events, attestations, audit, { policy }, gate, exceptions] = await Promise.all([
    signerFindings(db, {
      id: signer.id,
      certificateIds: signer.certificates.map((c) => c.id),
      keyIds: signer.keys.map((k) => k.id),
    }),
    listSigningEvents(db, signer.id, { page, pageSize: EVENTS_PAGE_SIZE }),
    signerAttestations(db, signer.id),
    signerAuditTrail(db, signer.id, { take: 50 }),
    loadCurrentPolicy(db),
    listGateDecisions(db, user, { signer: signer.id, page: 1, pageSize: 10 }),
    listGateExceptions(db, { now, signerId: signer.id, take: 20 }),
  ]);
  const mayWrite = can(user.role, "inventory:write");
  const approvals = can(user.role, "approvals:read")
    ? (await listApprovalRequests(db, user, { now, signerId: signer.id, limit: 10 })).map((r) => approvalView(r, now))
    : [];
  const jitGrants = signer.privileges.filter((p) => p.isJustInTime && !p.removedAt);
  return (
    <>
      <PageHeader
        title={signer.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={signer.status} /> {KIND_LABELS[signer.kind as SignerKind] ?? signer.kind} on{" "}
            {signer.platform}
          </span>
        }
        actions={
          mayWrite ? (
            <>
              <Link href={`/signers/${signer.id}/edit`} className={buttonClass("secondary")}>
                Edit
              </Link>
              {can(user.role, "incidents:manage") ? (
                <Link
                  href={`/incidents/new?subjectType=signer&subjectId=${signer.id}`}
                  className={buttonClass("secondary")}
                >
                  Declare compromised
                </Link>
              ) : null}
            </>
          ) : undefined
        }
      />
      {sp.created ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Signer created.
        </p>
      ) : null}
      {sp.saved ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Changes saved.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title="Ownership">
          <OwnershipPanel signer={signer} />
        </Card>
        <Card title="Facts">
          <FactsPanel signer={signer} now={now} />
        </Card>
        <Card title={`Credentials (${signer.credentials.length})`} className="xl:col-span-2">
          <CredentialsPanel
            signerId={signer.id}
            credentials={signer.credentials}
            now={now}
            actions={
              mayWrite
                ? {
                    add: addSignerCredentialAction,
                    update: updateSignerCredentialAction,
                    remove: removeSignerCredentialAction,
                  }
                : null
            }
          />
        </Card>
        <Card title={`Findings (${findings.length})`} className="xl:col-span-2">
          <FindingList findings={findings} now={now} />
        </Card>
        <Card title="Release gate" className="xl:col-span-2">
          <SignerGatePanel
            signerId={signer.id}
            decisions={gate.rows}
            total={gate.total}
            exceptions={exceptions}
            now={now}
          />
        </Card>
        <Card title="Privileges" className="xl:col-span-2">
          <PrivilegesTable
            signer={signer}
            now={now}
            unusedGrantDays={policy.signers.unusedGrantDays}
            grantAction={
              mayWrite
                ? (id, scope) => (
                    <RowActionButton
                      id={id}
                      label="Make just-in-time"
                      ariaLabel={`Make just-in-time: ${scope}`}
                      action={makeGrantJustInTimeAction}
                    />
                  )
                : undefined
            }
          />
        </Card>
        <Card title="Approvals" className="xl:col-span-2">
          {approvals.length ? (
            <ul className="mb-4 space-y-1 text-sm">
              {approvals.map((a) => (
                <li key={a.id} className="flex items-center gap-2">
                  <ApprovalStateBadge state={a.state} />
                  <Link href={`/approvals/${a.id}`}>
                    {a.scope}@{a.environment}: {a.reason}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-4 text-sm text-slate-600">No approval requests.</p>
          )}
          {jitGrants.length && can(user.role, "approvals:request") ? (
            <RequestApprovalForm
              action={requestApprovalAction}
              signer={signer.name}
              grants={jitGrants}
              maxHours={policy.signers.approvalMaxHours}
            />
          ) : null}
        </Card>
        <Card title="Certificates" className="xl:col-span-2">
          <CertificatesTable signer={signer} now={now} />
        </Card>
        <Card title="Keys and custody" className="xl:col-span-2">
          <DeclaredCustody signer={signer} now={now} />
          <KeysTable signer={signer} now={now} rotationDays={policy.keys.rotationMaxAgeDays} />
        </Card>
        <Card title={`Signing activity (${events.total})`} className="xl:col-span-2">
          <SigningTimeline
            events={events.rows}
            total={events.total}
            page={page}
            pageSize={EVENTS_PAGE_SIZE}
            basePath={`/signers/${signer.id}`}
            now={now}
          />
        </Card>
        <Card title="Attestation history">
          <AttestationHistory attestations={attestations} now={now} />
        </Card>
        <Card title="Audit trail">
          <AuditTrail events={audit} now={now} />
        </Card>
      </div>
      <p className="mt-6 text-xs text-slate-500">
        Updated <DateText date={signer.updatedAt} now={now} />
      </p>
    </>
  );
}
