import { type Db, withTransaction } from "@/lib/db/client";
import { findAccessLinkByHash, markAccessLinkUsed } from "@/lib/db/tokens/access-links";
import { APPROVAL_LINK_PURPOSE } from "@/lib/domain/approvals";
import { accessLinkProblem, type LinkRefusal } from "@/lib/domain/attestation";
import { recordAudit, type Actor } from "./audit";
import { hashAccessToken } from "./issue-access-link";

// Redeems an emailed link for the signed-in user. It only ever leads to that person's own task
// list: the user must be the link's person. Unknown, replayed, expired and misdirected links are
// refused and audited; a good one is marked used in the same transaction as its audit event.

export type RedeemResult = { ok: true; campaignId: string | null } | { ok: false; reason: LinkRefusal };

export async function redeemAccessLink(
  db: Db,
  input: { token: string; user: { id: string; personId: string | null }; actor: Actor; ip?: string | null },
  options: { now: Date },
): Promise<RedeemResult> {
  const token = input.token.trim();
  const hash = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? hashAccessToken(token) : null;
  // filtering on the hash works on the default client; the hash itself is never read back
  const found = hash ? await findAccessLinkByHash(db, hash) : null;
  // an approval mail's link opens its request (redeem-approval-link.ts), never attestation tasks
  const link = found && found.purpose !== APPROVAL_LINK_PURPOSE ? found : null;
  const problem = accessLinkProblem(link, { personId: input.user.personId, now: options.now });
  return withTransaction(db, async (tx) => {
    if (problem === null && link && (await markAccessLinkUsed(tx, link.id, options.now))) {
      await recordAudit(tx, {
        actor: input.actor,
        action: "attestation.link-redeemed",
        targetType: "access-link",
        targetId: link.id,
        summary: "Opened attestation tasks from an emailed link",
        details: { campaignId: link.campaignId, personId: link.personId },
        ip: input.ip ?? null,
        at: options.now,
      });
      return { ok: true as const, campaignId: link.campaignId };
    }
    // a concurrent redemption of the same link counts as a replay
    const reason: LinkRefusal = problem ?? "used";
    await recordAudit(tx, {
      actor: input.actor,
      action: "attestation.link-refused",
      targetType: "access-link",
      targetId: link?.id ?? undefined,
      summary: `Refused an attestation link: ${reason}`,
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
