import { unauthenticated } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { approvalDecided } from "@/lib/api/responses/approvals";
import { approvalDecisionSchema } from "@/lib/domain/approvals";
import { decideApproval, type ApprovalDecision } from "@/lib/services/decide-approval";

// Approve or refuse a request for a just-in-time window (…/approve and …/refuse). A person decides,
// signed in (no API token): never the requester, never the pipeline's triggering human (refused
// with 403 and audited).
export function approvalDecisionRoute(decision: ApprovalDecision) {
  const verb = decision === "approved" ? "Approve" : "Refuse";
  return route(
    {
      summary: `${verb} a request for a just-in-time signing window`,
      responses: { 200: approvalDecided },
      permission: "approvals:decide",
      body: approvalDecisionSchema,
    },
    async ({ db, body, actor, user, scope, params, ip }) => {
      if (!user) throw unauthenticated("A person decides approvals: sign in");
      return decideApproval(
        db,
        { id: params.id, decision, note: body.note },
        { actor, user, scope, now: new Date(), ip },
      );
    },
  );
}
