import { loadAlertPolicies } from "@/lib/db/alerts/alerts";
import { DAY_MS } from "@/lib/domain/expiry";
import { expiringWithinDays, type CertificateStatus, type ExpiryBands } from "@/lib/domain/certificate-status";
import type { DbOrTx } from "@/lib/db/client";
import { certificateScopeSql, type ScopeUser } from "@/lib/db/scope";
import { dialectOf, Prisma, sqlDate, toNumber } from "@/lib/db/sql";

// The status model (lib/domain/certificate-status.ts) as database conditions, so that a filter,
// a count and a badge cannot disagree. Expiring follows the global alert policy's bands.

/** The bands that decide "expiring": the global alert policy's (a signer's override tunes its emails only). */
export async function loadExpiryBands(db: DbOrTx): Promise<ExpiryBands> {
  const { global } = await loadAlertPolicies(db);
  return { signingBands: global.signingBands, caBands: global.caBands };
}

export type StatusContext = { now: Date; bands: ExpiryBands };

/** The columns certificateStatus() reads (CertificateStatusFacts): a read that shows a status selects these. */
export const certificateStatusSelect = {
  notAfter: true,
  isCA: true,
  revocationStatus: true,
  supersededAt: true,
  isKeyless: true,
} as const satisfies Prisma.CertificateSelect;

/** No renewal has superseded it (lib/domain/certificate-status.ts isSuperseded). */
export function notSupersededWhere(): Prisma.CertificateWhereInput {
  return { supersededAt: null };
}

/** From when a leaf and a CA certificate count as expiring. */
function expiringFrom(ctx: StatusContext): { leafSoon: Date; caSoon: Date } {
  const at = (isCA: boolean) => new Date(ctx.now.getTime() + expiringWithinDays(ctx.bands, { isCA }) * DAY_MS);
  return { leafSoon: at(false), caSoon: at(true) };
}

export function certificateStatusWhere(status: CertificateStatus, ctx: StatusContext): Prisma.CertificateWhereInput {
  const { now } = ctx;
  const { leafSoon, caSoon } = expiringFrom(ctx);
  const latest = leafSoon > caSoon ? leafSoon : caSoon;
  const current: Prisma.CertificateWhereInput[] = [{ revocationStatus: { not: "revoked" } }, notSupersededWhere()];
  // keyless certificates are judged by their signing time, not by notAfter (certificateStatus)
  const dated = [...current, { isKeyless: false }];
  // expiry branches start from a notAfter range so the database can walk the notAfter index
  switch (status) {
    case "revoked":
      return { revocationStatus: "revoked" };
    case "superseded":
      return { supersededAt: { not: null }, revocationStatus: { not: "revoked" } };
    case "keyless":
      return { AND: [...current, { isKeyless: true }] };
    case "expired":
      return { AND: [{ notAfter: { lt: now } }, ...dated] };
    case "expiring":
      return {
        AND: [
          { notAfter: { gte: now, lte: latest } },
          ...dated,
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
          // implied by the OR below; stated so the database walks the notAfter index in list order
          // (without it SQLite reads every later row and sorts them for each page of the export)
          { notAfter: { gt: leafSoon < caSoon ? leafSoon : caSoon } },
          ...dated,
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

export type StatusCounts = Record<"total" | CertificateStatus, number>;

/**
 * The certificates a user sees, per status, in one scan instead of a count per status: the
 * overview's tiles. The same conditions as certificateStatusWhere and certificateScopeWhere, as SQL
 * (lib/db/inventory/overview.int.test.ts holds each number to the list its link opens).
 */
export async function countAllCertificatesByStatus(
  db: DbOrTx,
  ctx: StatusContext,
  user: ScopeUser,
): Promise<StatusCounts> {
  return (await countAllCertificatesByStatusAndExpiry(db, ctx, [], user)).byStatus;
}

/**
 * countAllCertificatesByStatus, and the certificates with notAfter in each of these consecutive
 * ranges (the list's expiry filter, lib/domain/inventory-filters.ts dayRange), from the same scan:
 * an owner's scope is resolved once, not once per count (a team lead's 20,000 certificates read
 * twice cost ~40% more). Each row falls in the first range whose end lies after it, so it is
 * compared once per range at most.
 */
export async function countAllCertificatesByStatusAndExpiry(
  db: DbOrTx,
  ctx: StatusContext,
  ranges: readonly { gte: Date; lt: Date }[],
  user: ScopeUser,
): Promise<{ byStatus: StatusCounts; expiringIn: number[] }> {
  ranges.forEach((r, i) => {
    if (i > 0 && r.gte.getTime() !== ranges[i - 1].lt.getTime()) throw new Error("ranges must be consecutive");
  });
  const { leafSoon, caSoon } = expiringFrom(ctx);
  const [now, leaf, ca] = [ctx.now, leafSoon, caSoon].map((d) => sqlDate(db, d));
  const d = (x: Date) => sqlDate(db, x);
  const current = Prisma.sql`"revocationStatus" <> 'revoked' AND "supersededAt" IS NULL`;
  const dated = Prisma.sql`${current} AND "isKeyless" = FALSE`;
  const bucket = ranges.length
    ? Prisma.sql`CASE WHEN "notAfter" < ${d(ranges[0].gte)} OR "notAfter" >= ${d(ranges[ranges.length - 1].lt)} THEN -1 ${Prisma.join(
        ranges.map((r, i) => Prisma.sql`WHEN "notAfter" < ${d(r.lt)} THEN ${Prisma.raw(String(i))}`),
        " ",
      )} END`
    : Prisma.sql`-1`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`SELECT "bucket", COUNT(*) AS "total",
      SUM(CASE WHEN "revocationStatus" = 'revoked' THEN 1 ELSE 0 END) AS "revoked",
      SUM(CASE WHEN "revocationStatus" <> 'revoked' AND "supersededAt" IS NOT NULL THEN 1 ELSE 0 END) AS "superseded",
      SUM(CASE WHEN ${current} AND "isKeyless" = TRUE THEN 1 ELSE 0 END) AS "keyless",
      SUM(CASE WHEN ${dated} AND "notAfter" < ${now} THEN 1 ELSE 0 END) AS "expired",
      SUM(CASE WHEN ${dated} AND "notAfter" >= ${now}
        AND (("isCA" = false AND "notAfter" <= ${leaf}) OR ("isCA" = true AND "notAfter" <= ${ca})) THEN 1 ELSE 0 END) AS "expiring",
      SUM(CASE WHEN ${dated}
        AND (("isCA" = false AND "notAfter" > ${leaf}) OR ("isCA" = true AND "notAfter" > ${ca})) THEN 1 ELSE 0 END) AS "valid"
    FROM (SELECT ${bucket} AS "bucket", "revocationStatus", "supersededAt", "isKeyless", "notAfter", "isCA"
      FROM "Certificate" WHERE ${certificateScopeSql(user, dialectOf(db))}) AS "scoped"
    GROUP BY "bucket"`;
  const sum = (key: string) => rows.reduce((n, row) => n + (toNumber(row[key]) ?? 0), 0);
  const expiringIn = ranges.map(() => 0);
  for (const row of rows) {
    const i = toNumber(row.bucket) ?? -1;
    if (i >= 0) expiringIn[i] = toNumber(row.total) ?? 0;
  }
  return {
    byStatus: {
      total: sum("total"),
      valid: sum("valid"),
      expiring: sum("expiring"),
      expired: sum("expired"),
      superseded: sum("superseded"),
      revoked: sum("revoked"),
      keyless: sum("keyless"),
    },
    expiringIn,
  };
}

/**
 * How many certificates a user sees, counting at most `take`: the count of a list with no condition
 * but the reader's scope, as SQL (the overview's total, which links to that list, counts the same
 * scope). An owner's scope as Prisma's relation filter is an EXISTS per certificate: all 250,000
 * probed for a team lead's 20,000.
 */
export async function countCertificatesInScope(db: DbOrTx, user: ScopeUser, cap: { take: number }): Promise<number> {
  const [row] = await db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM (
    SELECT 1 AS "one" FROM "Certificate" WHERE ${certificateScopeSql(user, dialectOf(db))} LIMIT ${cap.take}) AS "scoped"`;
  return toNumber(row?.n) ?? 0;
}

/**
 * Current certificates (not revoked, not superseded, not yet expired) of one kind expiring within
 * each of `days` from now, in one scan: the cumulative counts of the alert policy's bands.
 */
export async function countCurrentCertificatesExpiringWithin(
  db: DbOrTx,
  options: { now: Date; days: readonly number[]; isCA: boolean },
): Promise<number[]> {
  if (options.days.length === 0) return [];
  const now = options.now.getTime();
  const until = options.days.map((d) => sqlDate(db, new Date(now + d * DAY_MS)));
  const latest = sqlDate(db, new Date(now + Math.max(...options.days) * DAY_MS));
  const sums = Prisma.join(
    until.map((u, i) => Prisma.sql`SUM(CASE WHEN "notAfter" <= ${u} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"b${i}"`)}`),
    ", ",
  );
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`SELECT ${sums} FROM "Certificate"
    WHERE "notAfter" >= ${sqlDate(db, options.now)} AND "notAfter" <= ${latest}
      AND "isCA" = ${Prisma.raw(options.isCA ? "TRUE" : "FALSE")} AND "revocationStatus" <> 'revoked' AND "supersededAt" IS NULL
      AND "isKeyless" = FALSE`;
  return until.map((_, i) => toNumber(row?.[`b${i}`]) ?? 0);
}
