import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { approvalsRead } from "@/lib/api/route-presets";
import { approvalRequestRow } from "@/lib/api/responses/approvals";
import { approvalView, findApprovalRequest } from "@/lib/db/approvals/approvals";

// One request for a just-in-time window, with its state now.
export const GET = route(
  approvalsRead("A request for a just-in-time signing window", approvalRequestRow),
  async ({ db, scope, params }) => {
    const row = await findApprovalRequest(db, params.id, scope);
    if (!row) throw notFound("Approval request");
    return approvalView(row, new Date());
  },
);
