import { AppError, notFound } from "@/lib/api/errors";
import { decideApprovalRow, findApprovalRequest, findUserPerson } from "@/lib/db/approvals/approvals";
import { type Db, withTransaction } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { DECISION_REFUSAL_TEXT, decisionProblem, type DecisionRefusal } from "@/lib/domain/approvals";
import { recordAudit, type Actor } from "./audit";

// Approve or refuse a request for a just-in-time window (dashboard, emailed link, POST
// /api/v1/approvals/{id}/approve|refuse). Separation of duties (lib/domain/approvals.ts): the
// requester and the pipeline's triggering human may not decide; such an attempt is refused and
// audited. The decision and its audit event share one transaction; a concurrent decision loses.

export type ApprovalDecision = "approved" | "refused";

export async function decideApproval(
  db: Db,
  input: { id: string; decision: ApprovalDecision; note?: string | null },
  options: {
    actor: Actor;
    user: { id: string; name: string; email: string; personId: string | null };
    scope: ScopeUser;
    now: Date;
    ip?: string | null;
  },
) {
  const { now, actor, user } = options;
  const request = await findApprovalRequest(db, input.id, options.scope);
  if (!request) throw notFound("Approval request");
  const requester =
    request.requestedByType === "user" && request.requestedById
      ? await findUserPerson(db, request.requestedById)
      : null;
  const me = await findUserPerson(db, user.id);
  const problem = decisionProblem(
    { ...request, requestedByPersonId: requester?.personId ?? null },
    {
      userId: user.id,
      personId: user.personId,
      identities: [user.email, user.name, ...(me?.personEmail ? [me.personEmail] : []), ...(me?.personCiHandles ?? [])],
    },
    now,
  );
  const refuse = async (reason: DecisionRefusal) => {
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor,
        action: "approval.decision-refused",
        targetType: "approval-request",
        targetId: request.id,
        summary: `Refused to let ${user.email} ${input.decision === "approved" ? "approve" : "refuse"} approval request ${request.id}: ${reason}`,
        details: { reason, decision: input.decision, signerId: request.signerId, triggeredBy: request.triggeredBy },
        ip: options.ip ?? null,
        at: now,
      }),
    );
    throw new AppError(
      reason === "self-approval" || reason === "triggering-human" ? "forbidden" : "conflict",
      DECISION_REFUSAL_TEXT[reason],
    );
  };
  if (problem) return refuse(problem);
  const note = input.note?.trim() || null;
  const ok = await withTransaction(db, async (tx) => {
    const changed = await decideApprovalRow(tx, request.id, {
      status: input.decision,
      decidedAt: now,
      decidedById: user.id,
      decidedByLabel: user.email,
      note,
    });
    if (!changed) return false;
    await recordAudit(tx, {
      actor,
      action: input.decision === "approved" ? "approval.approved" : "approval.refused",
      targetType: "approval-request",
      targetId: request.id,
      summary:
        `${input.decision === "approved" ? "Approved" : "Refused"} ${request.signerName} ${request.scope}@${request.environment} from ${request.windowStartsAt.toISOString()} to ${request.windowEndsAt.toISOString()}`.slice(
          0,
          500,
        ),
      details: {
        signerId: request.signerId,
        privilegeId: request.privilegeId,
        requestedBy: request.requestedByLabel,
        triggeredBy: request.triggeredBy,
        note,
      },
      ip: options.ip ?? null,
      at: now,
    });
    return true;
  });
  if (!ok) return refuse("already-decided");
  return { id: request.id, state: input.decision, decidedAt: now.toISOString(), decidedBy: user.email };
}
