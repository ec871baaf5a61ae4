import type { Tx, DbOrTx } from "@/lib/db/client";

// AccessLink: the single-use links of attestation and approval mails (only the hash of the token is stored).

export async function createAccessLinkRow(
  tx: Tx,
  data: {
    tokenHash: string;
    personId: string;
    purpose: string;
    campaignId: string | null;
    approvalRequestId?: string | null;
    expiresAt: Date;
    now: Date;
  },
) {
  return tx.accessLink.create({
    data: {
      tokenHash: data.tokenHash,
      personId: data.personId,
      purpose: data.purpose,
      campaignId: data.campaignId,
      approvalRequestId: data.approvalRequestId ?? null,
      expiresAt: data.expiresAt,
      createdAt: data.now,
    },
    select: { id: true },
  });
}

export async function findAccessLinkByHash(db: DbOrTx, tokenHash: string) {
  return db.accessLink.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      personId: true,
      purpose: true,
      campaignId: true,
      approvalRequestId: true,
      expiresAt: true,
      usedAt: true,
    },
  });
}

/** Single use: only the first redemption changes the row. */
export async function markAccessLinkUsed(tx: Tx, id: string, now: Date): Promise<boolean> {
  const r = await tx.accessLink.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  return r.count === 1;
}
