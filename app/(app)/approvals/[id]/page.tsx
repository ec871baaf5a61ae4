import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { approvalView, findApprovalRequest } from "@/lib/db/approvals/approvals";
import { findPeopleByCiIdentity } from "@/lib/db/people/people";
import { can, isOwnerScoped } from "@/lib/domain/authz";
import { normalizeCiHandle } from "@/lib/domain/ci-handles";
import { ApprovalStateBadge } from "@/components/approvals/approval-state-badge";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { RowActionButton } from "@/components/ui/row-action-button";
import { approveApprovalAction, refuseApprovalAction } from "../actions";

export const metadata = { title: "Approval request" };

// One request for a just-in-time window. A person allowed to decide sees Approve and Refuse; the
// requester and the pipeline's triggering human are refused by the service (and the attempt audited).
export default async function ApprovalPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string }>;
}) {
  const user = await requirePageUser("/approvals/[id]");
  const { id } = await params;
  const { from } = await searchParams;
  const db = getDb();
  const row = await findApprovalRequest(db, id, user);
  if (!row) notFound();
  const r = approvalView(row, new Date());
  // who "triggered by" names, exactly (an email or a declared CI account): they may not decide
  const triggering = r.triggeredBy ? await findPeopleByCiIdentity(db, normalizeCiHandle(r.triggeredBy)) : [];
  const mayOpenPeople = !isOwnerScoped(user.role);
  const canDecide = r.state === "pending" && can(user.role, "approvals:decide");
  return (
    <>
      <PageHeader
        title={`Approval request: ${r.signer.name} in ${r.environment}`}
        description={r.reason}
        actions={
          <>
            <span data-testid="approval-state">
              <ApprovalStateBadge state={r.state} />
            </span>
            {canDecide ? (
              <>
                <RowActionButton
                  id={r.id}
                  label="Approve"
                  ariaLabel="Approve this request"
                  action={approveApprovalAction}
                />
                <RowActionButton
                  id={r.id}
                  label="Refuse"
                  ariaLabel="Refuse this request"
                  action={refuseApprovalAction}
                />
              </>
            ) : null}
          </>
        }
      />
      {from === "link" && r.state === "pending" ? (
        <p role="status" className="mb-4 text-sm text-slate-700">
          You opened this request from your email. Approve it only if you know of the release it names.
        </p>
      ) : null}
      <div className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Grant" value={`${r.scope}@${r.environment}`} />
        <Stat label="Window opens" value={r.windowStartsAt.slice(0, 16).replace("T", " ")} />
        <Stat label="Window ends" value={r.windowEndsAt.slice(0, 16).replace("T", " ")} />
        <Stat label="Triggered by" value={r.triggeredBy ?? "—"} />
      </div>
      <Card>
        <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2 p-4 text-sm sm:grid-cols-[10rem_minmax(0,1fr)] [&>dd]:break-words">
          <dt>Signer</dt>
          <dd>
            <Link href={`/signers/${r.signer.id}`}>{r.signer.name}</Link>
          </dd>
          <dt>Requested by</dt>
          <dd>
            {r.requestedBy} at {r.requestedAt.slice(0, 16).replace("T", " ")} UTC
          </dd>
          {r.triggeredBy ? (
            <>
              <dt>Triggering human</dt>
              <dd data-testid="triggering-human">
                {triggering.length ? (
                  <>
                    {triggering.map((p, i) => (
                      <span key={p.id}>
                        {i ? ", " : null}
                        {mayOpenPeople ? <Link href={`/people/${p.id}`}>{p.name}</Link> : p.name}
                      </span>
                    ))}{" "}
                    (as {r.triggeredBy}): may not approve or refuse this request
                  </>
                ) : (
                  <>
                    {r.triggeredBy} is not an email or CI account of anyone in Signet. Declare it on their person page
                    so Signet can keep them from approving their own run; until then only a name that looks like theirs
                    is refused.
                  </>
                )}
              </dd>
            </>
          ) : null}
          <dt>Decided by</dt>
          <dd>{r.decidedBy ? `${r.decidedBy} at ${r.decidedAt?.slice(0, 16).replace("T", " ")} UTC` : "—"}</dd>
          {r.decisionNote ? (
            <>
              <dt>Note</dt>
              <dd>{r.decisionNote}</dd>
            </>
          ) : null}
        </dl>
      </Card>
    </>
  );
}
