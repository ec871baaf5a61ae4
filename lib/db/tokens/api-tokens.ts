import type { Db, RawDb } from "@/lib/db/client";
import { parseTokenScopes, type TokenScope } from "@/lib/domain/token-scopes";

export type ApiTokenRecord = {
  id: string;
  name: string;
  prefix: string;
  /** from the stored space-separated scope string */
  scopes: TokenScope[];
  signerId: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  createdById: string;
};

const select = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  signerId: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  createdById: true,
} as const;

function toRecord({ scope, ...row }: Omit<ApiTokenRecord, "scopes"> & { scope: string }): ApiTokenRecord {
  return { ...row, scopes: parseTokenScopes(scope) };
}

export async function findApiTokenByHash(db: RawDb, tokenHash: string): Promise<ApiTokenRecord | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash }, select });
  return row ? toRecord(row) : null;
}

export async function touchApiToken(db: Db, id: string, at: Date) {
  await db.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
}

export async function listApiTokens(db: Db): Promise<ApiTokenRecord[]> {
  const rows = await db.apiToken.findMany({ select, orderBy: { createdAt: "desc" } });
  return rows.map(toRecord);
}
