import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { approvalRequestRow } from "@/lib/api/responses/approvals";
import { approvalView, findApprovalRequest } from "@/lib/db/approvals/approvals";

// One request for a just-in-time window, with its state now.
export const GET = route(
  {
    summary: "A request for a just-in-time signing window",
    responses: { 200: approvalRequestRow },
    permission: "approvals:read",
    tokenScopes: ["read", "approvals"],
  },
  async ({ db, scope, params }) => {
    const row = await findApprovalRequest(db, params.id, scope);
    if (!row) throw notFound("Approval request");
    return approvalView(row, new Date());
  },
);
