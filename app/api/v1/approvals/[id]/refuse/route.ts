import { unauthenticated } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { approvalDecided } from "@/lib/api/responses/approvals";
import { approvalDecisionSchema } from "@/lib/domain/approvals";
import { decideApproval } from "@/lib/services/decide-approval";

// Refuse a request for a just-in-time window. A person decides, signed in (no API token): never the
// requester, never the pipeline's triggering human (refused with 403 and audited).
export const POST = route(
  {
    summary: "Refuse a request for a just-in-time signing window",
    responses: { 200: approvalDecided },
    permission: "approvals:decide",
    body: approvalDecisionSchema,
  },
  async ({ db, body, actor, user, scope, params, ip }) => {
    if (!user) throw unauthenticated("A person decides approvals: sign in");
    return decideApproval(
      db,
      { id: params.id, decision: "refused", note: body.note },
      { actor, user, scope, now: new Date(), ip },
    );
  },
);
