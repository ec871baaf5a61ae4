import type { DbOrTx } from "@/lib/db/client";
import type { AlertApiToken } from "@/lib/domain/alerts/types";
import { alertSignerSelect } from "./alerts";

// The alert sweep's input about Signet's own API tokens (issue 19 item 5): a pipeline's token
// expires like any credential, and its creator and bound signer's owners hear about it in time.

/** Unrevoked API tokens expiring between the two instants, with their creator and bound signer. */
export async function loadExpiringApiTokens(db: DbOrTx, range: { from: Date; until: Date }): Promise<AlertApiToken[]> {
  const rows = await db.apiToken.findMany({
    where: { revokedAt: null, expiresAt: { gte: range.from, lte: range.until } },
    select: {
      id: true,
      name: true,
      prefix: true,
      expiresAt: true,
      createdBy: { select: { name: true, email: true, banned: true } },
      signer: { select: alertSignerSelect },
    },
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    expiresAt: t.expiresAt!,
    creator: { name: t.createdBy.name, email: t.createdBy.email, isActive: !t.createdBy.banned },
    signer: t.signer,
  }));
}
