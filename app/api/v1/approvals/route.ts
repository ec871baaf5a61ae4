import { z } from "zod";
import { forbidden } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { approvalRequested, approvalRequestList } from "@/lib/api/responses/approvals";
import { approvalView, listApprovalRequests } from "@/lib/db/approvals/approvals";
import { APPROVAL_STATES, approvalRequestSchema } from "@/lib/domain/approvals";
import { requestApproval } from "@/lib/services/request-approval";

// Requests for a window on a just-in-time signing grant: the list (state pending, approved,
// refused or expired, computed at the time of asking), and a new request from a person or a
// pipeline (token scope "approvals"; bound to a signer: only for that signer).
export const GET = route(
  {
    summary: "Requests for just-in-time signing windows, newest first",
    responses: { 200: approvalRequestList },
    permission: "approvals:read",
    tokenScopes: ["read"],
    query: z.object({ state: z.enum(APPROVAL_STATES).optional(), signerId: z.string().min(1).max(200).optional() }),
  },
  async ({ db, scope, query }) => {
    const now = new Date();
    const rows = await listApprovalRequests(db, scope, { now, state: query.state, signerId: query.signerId });
    return { approvals: rows.map((r) => approvalView(r, now)) };
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
