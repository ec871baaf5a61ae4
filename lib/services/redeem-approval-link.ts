import type { Db } from "@/lib/db/client";
import { APPROVAL_LINK_PURPOSE } from "@/lib/domain/approvals";
import type { LinkRefusal } from "@/lib/domain/attestation";
import type { Actor } from "./audit";
import { redeemLink } from "./redeem-access-link";

// Redeems an approval mail's link for the signed-in user: it must be the person the mail went to.
// A good link leads to the request, where that person approves or refuses it
// (lib/services/decide-approval.ts); refusals are audited like attestation links'.

export type RedeemApprovalResult = { ok: true; approvalRequestId: string } | { ok: false; reason: LinkRefusal };

export async function redeemApprovalLink(
  db: Db,
  input: { token: string; user: { id: string; personId: string | null }; actor: Actor; ip?: string | null },
  options: { now: Date },
): Promise<RedeemApprovalResult> {
  const result = await redeemLink(db, input, {
    now: options.now,
    kind: "approval",
    accepts: (link) => link.purpose === APPROVAL_LINK_PURPOSE && !!link.approvalRequestId,
    audited: (link) => ({
      targetType: "approval-request",
      targetId: link.approvalRequestId!,
      summary: "Opened an approval request from an emailed link",
    }),
  });
  return result.ok ? { ok: true, approvalRequestId: result.link.approvalRequestId! } : result;
}
