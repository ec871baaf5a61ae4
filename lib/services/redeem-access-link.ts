import { type Db, withTransaction } from "@/lib/db/client";
import { findAccessLinkByHash, markAccessLinkUsed } from "@/lib/db/tokens/access-links";
import { APPROVAL_LINK_PURPOSE } from "@/lib/domain/approvals";
import { accessLinkProblem, type LinkRefusal } from "@/lib/domain/attestation";
import { recordAudit, type Actor } from "./audit";
import { hashAccessToken } from "./issue-access-link";

// Redeems an emailed link for the signed-in user. It only ever leads to that person's own task
// list (attestation) or the request it was sent about (approval): the user must be the link's
// person, and a link opens only what its purpose says. Unknown, replayed, expired and misdirected
// links are refused and audited; a good one is marked used in the same transaction as its audit event.

export type RedeemResult = { ok: true; campaignId: string | null } | { ok: false; reason: LinkRefusal };

type RedeemInput = { token: string; user: { id: string; personId: string | null }; actor: Actor; ip?: string | null };
type RedeemedLink = NonNullable<Awaited<ReturnType<typeof findAccessLinkByHash>>>;

/** The one redemption path of emailed links; `kind` names the purpose and its audit actions. */
export async function redeemLink(
  db: Db,
  input: RedeemInput,
  options: {
    now: Date;
    kind: "attestation" | "approval";
    /** whether the link found is one this kind of page may open */
    accepts: (link: RedeemedLink) => boolean;
    /** the audit event of a good redemption: target and summary */
    audited: (link: RedeemedLink) => { targetType: string; targetId: string; summary: string };
  },
): Promise<{ ok: true; link: RedeemedLink } | { ok: false; reason: LinkRefusal }> {
  const token = input.token.trim();
  const hash = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? hashAccessToken(token) : null;
  // filtering on the hash works on the default client; the hash itself is never read back
  const found = hash ? await findAccessLinkByHash(db, hash) : null;
  const link = found && options.accepts(found) ? found : null;
  const problem = accessLinkProblem(link, { personId: input.user.personId, now: options.now });
  return withTransaction(db, async (tx) => {
    if (problem === null && link && (await markAccessLinkUsed(tx, link.id, options.now))) {
      await recordAudit(tx, {
        actor: input.actor,
        action: `${options.kind}.link-redeemed`,
        ...options.audited(link),
        details: { accessLinkId: link.id, campaignId: link.campaignId, personId: link.personId },
        ip: input.ip ?? null,
        at: options.now,
      });
      return { ok: true as const, link };
    }
    // a concurrent redemption of the same link counts as a replay
    const reason: LinkRefusal = problem ?? "used";
    await recordAudit(tx, {
      actor: input.actor,
      action: `${options.kind}.link-refused`,
      targetType: "access-link",
      targetId: link?.id ?? undefined,
      summary: `Refused an ${options.kind} link: ${reason}`,
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

export async function redeemAccessLink(db: Db, input: RedeemInput, options: { now: Date }): Promise<RedeemResult> {
  const result = await redeemLink(db, input, {
    now: options.now,
    kind: "attestation",
    // an approval mail's link opens its request (redeem-approval-link.ts), never attestation tasks
    accepts: (link) => link.purpose !== APPROVAL_LINK_PURPOSE,
    audited: (link) => ({
      targetType: "access-link",
      targetId: link.id,
      summary: "Opened attestation tasks from an emailed link",
    }),
  });
  return result.ok ? { ok: true, campaignId: result.link.campaignId } : result;
}
