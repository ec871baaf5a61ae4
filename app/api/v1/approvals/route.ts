import { z } from "@/lib/domain/zod";
import { forbidden } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { listRoute } from "@/lib/api/list-route";
import { approvalRequested, approvalRequestPage } from "@/lib/api/responses/approvals";
import { listApprovalPage } from "@/lib/db/approvals/approvals";
import { approvalFiltersSchema } from "@/lib/domain/inventory-filters";
import { APPROVAL_STATES, approvalRequestSchema } from "@/lib/domain/approvals";
import { requestApproval } from "@/lib/services/request-approval";

// Requests for a window on a just-in-time signing grant: the list (state pending, approved,
// refused or expired, computed at the time of asking), and a new request from a person or a
// pipeline (token scope "approvals"; bound to a signer: only for that signer). The list is the
// /approvals page's read model, { rows, total, page, pageSize }; `approvals` (the page's rows) stays
// for older callers.
export const GET = listRoute(
  "Requests for just-in-time signing windows, newest first, paged",
  {
    // an unknown state is refused, as it was before the list was paged
    filters: approvalFiltersSchema.extend({ state: z.enum(APPROVAL_STATES).optional() }),
    page: approvalRequestPage,
    permission: "approvals:read",
    tokenScopes: ["read"],
  },
  async ({ db, scope, query }) => {
    const page = await listApprovalPage(db, scope, query, new Date());
    return { ...page, approvals: page.rows };
  },
);

export const POST = route(
  {
    summary: "Ask for a window on a just-in-time signing grant (someone else approves it)",
    responses: { 201: approvalRequested },
    permission: "approvals:request",
    tokenScopes: ["approvals"],
    body: approvalRequestSchema,
  },
  async ({ db, body, actor, user, token, scope, ip }) => {
    if (token && !token.scopes.includes("approvals")) throw forbidden();
    const answer = await requestApproval(db, body, {
      actor,
      now: new Date(),
      user,
      scope: user ? scope : null,
      boundSignerId: token?.signerId ?? null,
      ip,
    });
    return Response.json(answer, { status: 201 });
  },
);
