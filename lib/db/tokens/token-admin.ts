import type { Tx, DbOrTx } from "@/lib/db/client";

// API tokens as administrators manage them. The hash is written once and never read back here.


export async function insertApiToken(tx: Tx, data: { name: string; tokenHash: string; prefix: string; scope: string; signerId: string | null; createdById: string; createdAt: Date; expiresAt: Date }) {
  return tx.apiToken.create({ data, select: { id: true, name: true, prefix: true, scope: true, signerId: true, expiresAt: true, createdAt: true } });
}

export type TokenListRow = {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  signer: { id: string; name: string } | null;
  createdBy: { id: string; name: string; email: string };
};

export async function listApiTokensForAdmin(db: DbOrTx): Promise<TokenListRow[]> {
  return db.apiToken.findMany({
    orderBy: [{ revokedAt: "asc" }, { createdAt: "desc" }],
    select: {
      id: true, name: true, prefix: true, scope: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true,
      signer: { select: { id: true, name: true } },
      createdBy: { select: { id: true, name: true, email: true } },
    },
  });
}

export async function findApiTokenById(db: DbOrTx, id: string) {
  return db.apiToken.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, scope: true, signerId: true, revokedAt: true } });
}

export async function markApiTokenRevoked(tx: Tx, id: string, at: Date) {
  await tx.apiToken.update({ where: { id }, data: { revokedAt: at } });
}

/** Revokes the API tokens bound to a signer (it no longer signs); returns how many. */
export async function revokeSignerTokens(tx: Tx, signerId: string, now: Date): Promise<number> {
  const r = await tx.apiToken.updateMany({ where: { signerId, revokedAt: null }, data: { revokedAt: now } });
  return r.count;
}
