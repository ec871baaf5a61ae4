import { type Db, withTransaction } from "@/lib/db/client";
import { findAccessLinkByHash, markAccessLinkUsed } from "@/lib/db/tokens/access-links";
import { APPROVAL_LINK_PURPOSE } from "@/lib/domain/approvals";
import { accessLinkProblem, type LinkRefusal } from "@/lib/domain/attestation";
import { recordAudit, type Actor } from "./audit";
import { hashAccessToken } from "./issue-access-link";

// Redeems an approval mail's link for the signed-in user: it must be the person the mail went to.
// A good link is used up in the same transaction as its audit event and leads to the request,
// where that person approves or refuses it (lib/services/decide-approval.ts). Unknown, replayed,
// expired and misdirected links are refused and audited.

export type RedeemApprovalResult = { ok: true; approvalRequestId: string } | { ok: false; reason: LinkRefusal };

export async function redeemApprovalLink(
  db: Db,
  input: { token: string; user: { id: string; personId: string | null }; actor: Actor; ip?: string | null },
  options: { now: Date },
): Promise<RedeemApprovalResult> {
  const token = input.token.trim();
  const hash = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? hashAccessToken(token) : null;
  const found = hash ? await findAccessLinkByHash(db, hash) : null;
  const link = found && found.purpose === APPROVAL_LINK_PURPOSE && found.approvalRequestId ? found : null;
  const problem = accessLinkProblem(link, { personId: input.user.personId, now: options.now });
  return withTransaction(db, async (tx) => {
    if (problem === null && link?.approvalRequestId && (await markAccessLinkUsed(tx, link.id, options.now))) {
      await recordAudit(tx, {
        actor: input.actor,
        action: "approval.link-redeemed",
        targetType: "approval-request",
        targetId: link.approvalRequestId,
        summary: "Opened an approval request from an emailed link",
        details: { accessLinkId: link.id, personId: link.personId },
        ip: input.ip ?? null,
        at: options.now,
      });
      return { ok: true as const, approvalRequestId: link.approvalRequestId };
    }
    const reason: LinkRefusal = problem ?? "used";
    await recordAudit(tx, {
      actor: input.actor,
      action: "approval.link-refused",
      targetType: "access-link",
      targetId: link?.id ?? undefined,
      summary: `Refused an approval link: ${reason}`,
      details: {
        reason,
        linkPersonId: link?.personId ?? null,
        userPersonId: input.user.personId,
        tokenPrefix: token.slice(0, 6),
      },
      ip: input.ip ?? null,
      at: options.now,
    });
    return { ok: false as const, reason };
  });
}
