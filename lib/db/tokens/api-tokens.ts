import type { Db, RawDb } from "@/lib/db/client";
import { onDriver } from "@/lib/db/driver";
import { toDate, toRequiredDate } from "@/lib/db/sql";
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

/**
 * The token whose SHA-256 is `tokenHash`. One raw statement: every API request pays for this read,
 * and the client's findUnique cost about three times as much CPU (lib/db/sql.ts); on the driver
 * (lib/db/driver.ts) it costs less again. Read on every request, never cached: a revoked token is
 * refused from the next request on.
 */
export async function findApiTokenByHash(db: RawDb, tokenHash: string): Promise<ApiTokenRecord | null> {
  const rows = await onDriver(db).$queryRaw<Record<keyof typeof select, unknown>[]>`
    SELECT "id", "name", "prefix", "scope", "signerId", "expiresAt", "revokedAt", "lastUsedAt", "createdAt", "createdById"
    FROM "ApiToken" WHERE "tokenHash" = ${tokenHash}`;
  const row = rows[0];
  if (!row) return null;
  return toRecord({
    id: row.id as string,
    name: row.name as string,
    prefix: row.prefix as string,
    scope: row.scope as string,
    signerId: (row.signerId ?? null) as string | null,
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
    lastUsedAt: toDate(row.lastUsedAt),
    createdAt: toRequiredDate(row.createdAt),
    createdById: row.createdById as string,
  });
}

/** lastUsedAt is kept to the minute: a busy pipeline token writes once a minute, not per request. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/**
 * Records that `token` was used at `at`, unless it was already recorded within the last minute
 * (read with the token, so most calls write nothing). The UPDATE is conditional too, so concurrent
 * requests of one token write at most once per minute between them.
 */
export async function touchApiToken(db: Db, token: Pick<ApiTokenRecord, "id" | "lastUsedAt">, at: Date) {
  const since = new Date(at.getTime() - TOKEN_TOUCH_INTERVAL_MS);
  if (token.lastUsedAt && token.lastUsedAt > since) return;
  await db.apiToken.updateMany({
    where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: since } }] },
    data: { lastUsedAt: at },
  });
}

export async function listApiTokens(db: Db): Promise<ApiTokenRecord[]> {
  const rows = await db.apiToken.findMany({ select, orderBy: { createdAt: "desc" } });
  return rows.map(toRecord);
}
