import type { Tx, DbOrTx } from "@/lib/db/client";
import { iso, readPage, type Page } from "@/lib/db/inventory/common";

// API tokens as administrators manage them. The hash is written once and never read back here.

export async function insertApiToken(
  tx: Tx,
  data: {
    name: string;
    tokenHash: string;
    prefix: string;
    scope: string;
    signerId: string | null;
    createdById: string;
    createdAt: Date;
    expiresAt: Date;
  },
) {
  return tx.apiToken.create({
    data,
    select: { id: true, name: true, prefix: true, scope: true, signerId: true, expiresAt: true, createdAt: true },
  });
}

export type TokenListRow = {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** revoked, expired (at `now`) or active */
  state: "active" | "revoked" | "expired";
  signer: { id: string; name: string } | null;
  createdBy: { id: string; name: string; email: string };
};

/** One page of the API tokens (/admin/tokens and GET /api/v1/tokens): live ones first, newest first. */
export async function listApiTokensForAdmin(
  db: DbOrTx,
  f: { page: number; pageSize: number },
  now: Date,
): Promise<Page<TokenListRow>> {
  const page = await readPage(f, {
    rows: (window) =>
      db.apiToken.findMany({
        orderBy: [{ revokedAt: "asc" }, { createdAt: "desc" }],
        ...window,
        select: tokenRowSelect,
      }),
    count: () => db.apiToken.count(),
  });
  return {
    ...page,
    rows: page.rows.map((t) => ({
      ...t,
      createdAt: iso(t.createdAt)!,
      expiresAt: iso(t.expiresAt),
      revokedAt: iso(t.revokedAt),
      lastUsedAt: iso(t.lastUsedAt),
      state: t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active",
    })),
  };
}

const tokenRowSelect = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  signer: { select: { id: true, name: true } },
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

export async function findApiTokenById(db: DbOrTx, id: string) {
  return db.apiToken.findUnique({
    where: { id },
    select: { id: true, name: true, prefix: true, scope: true, signerId: true, revokedAt: true },
  });
}

export async function markApiTokenRevoked(tx: Tx, id: string, at: Date) {
  await tx.apiToken.update({ where: { id }, data: { revokedAt: at } });
}

/** Revokes the API tokens bound to a signer (it no longer signs); returns how many. */
export async function revokeSignerTokens(tx: Tx, signerId: string, now: Date): Promise<number> {
  const r = await tx.apiToken.updateMany({ where: { signerId, revokedAt: null }, data: { revokedAt: now } });
  return r.count;
}
