import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { findApiTokenById, markApiTokenRevoked } from "@/lib/db/tokens/token-admin";
import { recordAuditBy, type Actor } from "./audit";

// Revokes an API token at once; the route wrapper refuses it from the next request on.

export async function revokeApiToken(db: Db, id: string, options: { actor: Actor; now: Date }) {
  const token = await findApiTokenById(db, id);
  if (!token) throw notFound("API token");
  if (token.revokedAt) throw new AppError("conflict", "The token is already revoked");
  await withTransaction(db, async (tx) => {
    await markApiTokenRevoked(tx, id, options.now);
    await recordAuditBy(tx, options, {
      action: "api-token.revoked",
      targetType: "api-token",
      targetId: id,
      summary: `API token ${token.prefix}… (${token.name}) revoked`,
      details: { scope: token.scope, signerId: token.signerId },
    });
  });
  return { id, revokedAt: options.now };
}
