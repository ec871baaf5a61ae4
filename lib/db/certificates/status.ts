import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { loadAlertPolicies } from "@/lib/db/alerts/alerts";
import { DAY_MS } from "@/lib/domain/expiry";
import { expiringWithinDays, type CertificateStatus, type ExpiryBands } from "@/lib/domain/certificate-status";
import type { DbOrTx } from "@/lib/db/client";

// The status model (lib/domain/certificate-status.ts) as database conditions, so that a filter,
// a count and a badge cannot disagree. Expiring follows the global alert policy's bands.

/** The bands that decide "expiring": the global alert policy's (a signer's override tunes its emails only). */
export async function loadExpiryBands(db: DbOrTx): Promise<ExpiryBands> {
  const { global } = await loadAlertPolicies(db);
  return { signingBands: global.signingBands, caBands: global.caBands };
}

export type StatusContext = { now: Date; bands: ExpiryBands };

/** No renewal has superseded it (lib/domain/certificate-status.ts isSuperseded). */
export function notSupersededWhere(): Prisma.CertificateWhereInput {
  return { supersededAt: null };
}

export function certificateStatusWhere(status: CertificateStatus, ctx: StatusContext): Prisma.CertificateWhereInput {
  const { now } = ctx;
  const leafSoon = new Date(now.getTime() + expiringWithinDays(ctx.bands, { isCA: false }) * DAY_MS);
  const caSoon = new Date(now.getTime() + expiringWithinDays(ctx.bands, { isCA: true }) * DAY_MS);
  const latest = leafSoon > caSoon ? leafSoon : caSoon;
  const current: Prisma.CertificateWhereInput[] = [{ revocationStatus: { not: "revoked" } }, notSupersededWhere()];
  // expiry branches start from a notAfter range so the database can walk the notAfter index
  switch (status) {
    case "revoked":
      return { revocationStatus: "revoked" };
    case "superseded":
      return { supersededAt: { not: null }, revocationStatus: { not: "revoked" } };
    case "expired":
      return { AND: [{ notAfter: { lt: now } }, ...current] };
    case "expiring":
      return {
        AND: [
          { notAfter: { gte: now, lte: latest } },
          ...current,
          {
            OR: [
              { isCA: false, notAfter: { lte: leafSoon } },
              { isCA: true, notAfter: { lte: caSoon } },
            ],
          },
        ],
      };
    case "valid":
      return {
        AND: [
          ...current,
          {
            OR: [
              { isCA: false, notAfter: { gt: leafSoon } },
              { isCA: true, notAfter: { gt: caSoon } },
            ],
          },
        ],
      };
  }
}
