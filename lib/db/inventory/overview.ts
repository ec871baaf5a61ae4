import type { DbOrTx } from "@/lib/db/client";
import { certificateScopeWhere, signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { ruleCatalogue } from "@/lib/domain/findings";
import { NHI_TOP_10, type NhiId } from "@/lib/domain/nhi";
import { SEVERITIES } from "@/lib/domain/severity";
import { certificateStatusWhere } from "@/lib/db/certificates/list";
import { findingScopeWhere, openFindingWhere, ownerScopeIds, type Prisma } from "./common";
import { isPostgres, sqlDate } from "@/lib/db/sql";

// The overview's numbers. Every number has the filtered list behind it; the counts run on
// indexed columns (notAfter, revocationStatus, Finding(resolvedAt, severityRank)) so the page
// stays fast at 250,000 certificates.

const DAY_MS = 86_400_000;
export const WEEKS_BACK = 4;
export const WEEKS_AHEAD = 26;

export type ExpiryWeek = { from: string; to: string; count: number; isPast: boolean; isCurrent: boolean };

export type Overview = {
  generatedAt: string;
  signers: { total: number; active: number; orphaned: number };
  certificates: { total: number; valid: number; expiring: number; expired: number; revoked: number };
  expiryWeeks: ExpiryWeek[];
  findingsBySeverity: { severity: string; count: number }[];
  findingsByNhi: { nhi: NhiId; title: string; count: number }[];
  openFindings: number;
  rotationOverdueKeys: number;
  revokedInUse: number;
  campaigns: {
    id: string;
    name: string;
    dueAt: string;
    status: string;
    total: number;
    submitted: number;
    overdue: number;
  }[];
  failedDeliveries: number | null;
};

/** Monday 00:00 UTC of the week containing `now`. */
export function weekStart(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * DAY_MS);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function weekWindows(now: Date) {
  const start = weekStart(now);
  return Array.from({ length: WEEKS_BACK + WEEKS_AHEAD }, (_, i) => {
    const from = new Date(start.getTime() + (i - WEEKS_BACK) * 7 * DAY_MS);
    return { from, to: new Date(from.getTime() + 7 * DAY_MS), index: i };
  });
}

async function expiryWeekCounts(db: DbOrTx, scope: Prisma.CertificateWhereInput, now: Date): Promise<number[]> {
  return Promise.all(
    weekWindows(now).map((w) =>
      db.certificate.count({ where: { AND: [scope, { notAfter: { gte: w.from, lt: w.to } }] } }),
    ),
  );
}

function toWeeks(now: Date, counts: number[]): ExpiryWeek[] {
  return weekWindows(now).map((w, i) => ({
    from: isoDay(w.from),
    to: isoDay(new Date(w.to.getTime() - DAY_MS)),
    count: counts[i],
    isPast: w.index < WEEKS_BACK,
    isCurrent: w.index === WEEKS_BACK,
  }));
}

const num = (v: unknown) => Number(v ?? 0);

type CertificateCounts = { total: number; expiring: number; expired: number; revoked: number };

/**
 * The whole inventory's certificate states and expiry weeks in two scans of the
 * (notAfter, revocationStatus, isCA) index instead of 34 counts. Same definitions as
 * certificateStatusWhere (covered by the integration test comparing both paths).
 */
async function unscopedCertificateCounts(
  db: DbOrTx,
  now: Date,
): Promise<{ counts: CertificateCounts; weeks: number[] }> {
  const leafSoon = new Date(now.getTime() + 30 * DAY_MS);
  const caSoon = new Date(now.getTime() + 180 * DAY_MS);
  // placeholders differ (SQLite ?, PostgreSQL $n): collect values as the SQL is written
  const values: unknown[] = [];
  const v = (d: Date) => (values.push(sqlDate(db, d)), isPostgres(db) ? `$${values.length}` : "?");
  const sql = `SELECT COUNT(*) AS "total",
      SUM(CASE WHEN "revocationStatus" = 'revoked' THEN 1 ELSE 0 END) AS "revoked",
      SUM(CASE WHEN "revocationStatus" <> 'revoked' AND "notAfter" < ${v(now)} THEN 1 ELSE 0 END) AS "expired",
      SUM(CASE WHEN "revocationStatus" <> 'revoked' AND "notAfter" >= ${v(now)} AND ("notAfter" <= ${v(leafSoon)} OR ("isCA" = true AND "notAfter" <= ${v(caSoon)})) THEN 1 ELSE 0 END) AS "expiring"
     FROM "Certificate"`;
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...values);

  values.length = 0;
  const windows = weekWindows(now);
  const cols = windows.map(
    (w, i) => `SUM(CASE WHEN "notAfter" >= ${v(w.from)} AND "notAfter" < ${v(w.to)} THEN 1 ELSE 0 END) AS "w${i}"`,
  );
  const weekSql = `SELECT ${cols.join(", ")} FROM "Certificate" WHERE "notAfter" >= ${v(windows[0].from)} AND "notAfter" < ${v(windows[windows.length - 1].to)}`;
  const [weekRow] = await db.$queryRawUnsafe<Record<string, unknown>[]>(weekSql, ...values);
  return {
    counts: {
      total: num(row.total),
      revoked: num(row.revoked),
      expired: num(row.expired),
      expiring: num(row.expiring),
    },
    weeks: windows.map((_, i) => num(weekRow?.[`w${i}`])),
  };
}

async function scopedCertificateCounts(
  db: DbOrTx,
  c: Prisma.CertificateWhereInput,
  now: Date,
): Promise<{ counts: CertificateCounts; weeks: number[] }> {
  const [total, expiring, expired, revoked, weeks] = await Promise.all([
    db.certificate.count({ where: c }),
    db.certificate.count({ where: { AND: [c, certificateStatusWhere("expiring", now)] } }),
    db.certificate.count({ where: { AND: [c, certificateStatusWhere("expired", now)] } }),
    db.certificate.count({ where: { AND: [c, certificateStatusWhere("revoked", now)] } }),
    expiryWeekCounts(db, c, now),
  ]);
  return { counts: { total, expiring, expired, revoked }, weeks };
}

async function signerCounts(db: DbOrTx, s: Prisma.SignerWhereInput) {
  // people who left are few: an IN list beats a join per signer
  const leavers = (await db.person.findMany({ where: { isActive: false }, select: { id: true } })).map((p) => p.id);
  const [total, active, orphaned] = await Promise.all([
    db.signer.count({ where: s }),
    db.signer.count({ where: { AND: [s, { status: "active" }] } }),
    db.signer.count({
      where: {
        AND: [
          s,
          { status: { not: "decommissioned" } },
          { OR: [{ primaryOwnerId: null }, { primaryOwnerId: { in: leavers } }] },
        ],
      },
    }),
  ]);
  return { total, active, orphaned };
}

/** Computes the overview from the database (no cache). */
export async function computeOverview(db: DbOrTx, user: ScopeUser, now: Date): Promise<Overview> {
  const s = signerScopeWhere(user);
  const c = certificateScopeWhere(user);
  const scopeIds = await ownerScopeIds(db, user);
  const open: Prisma.FindingWhereInput = { AND: [findingScopeWhere(scopeIds), openFindingWhere(now)] };
  const isOwner = scopeIds !== null;

  const [signers, certs, byRule, campaigns, failed] = await Promise.all([
    signerCounts(db, s),
    isOwner ? scopedCertificateCounts(db, c, now) : unscopedCertificateCounts(db, now),
    // one pass over the open findings gives both the severity and the NHI breakdown
    db.finding.groupBy({ by: ["ruleId", "severity"], where: open, _count: { _all: true } }),
    db.attestationCampaign.findMany({
      where: { status: "open" },
      orderBy: { dueAt: "asc" },
      take: 5,
      select: { id: true, name: true, dueAt: true, status: true },
    }),
    // deliveries are an administrator's concern, not an owner's
    isOwner ? Promise.resolve(null) : db.outboxMessage.count({ where: { status: "failed" } }),
  ]);

  const campaignStats = campaigns.length
    ? await db.attestation.groupBy({
        by: ["campaignId", "status"],
        where: {
          campaignId: { in: campaigns.map((k) => k.id) },
          ...(scopeIds ? { signerId: { in: scopeIds.signerIds } } : {}),
        },
        _count: { _all: true },
      })
    : [];
  const ruleCounts = new Map<string, number>();
  const sevCounts = new Map<string, number>();
  for (const g of byRule) {
    ruleCounts.set(g.ruleId, (ruleCounts.get(g.ruleId) ?? 0) + g._count._all);
    sevCounts.set(g.severity, (sevCounts.get(g.severity) ?? 0) + g._count._all);
  }
  const nhiCounts = new Map<NhiId, number>();
  for (const rule of ruleCatalogue()) {
    if (rule.nhi) nhiCounts.set(rule.nhi, (nhiCounts.get(rule.nhi) ?? 0) + (ruleCounts.get(rule.id) ?? 0));
  }

  return {
    generatedAt: now.toISOString(),
    signers,
    // the four states partition the certificates, so valid needs no count of its own
    certificates: {
      ...certs.counts,
      valid: certs.counts.total - certs.counts.expiring - certs.counts.expired - certs.counts.revoked,
    },
    expiryWeeks: toWeeks(now, certs.weeks),
    findingsBySeverity: SEVERITIES.map((sev) => ({ severity: sev, count: sevCounts.get(sev) ?? 0 })),
    findingsByNhi: NHI_TOP_10.map((n) => ({ nhi: n.id, title: n.title, count: nhiCounts.get(n.id) ?? 0 })),
    openFindings: [...sevCounts.values()].reduce((a, b) => a + b, 0),
    rotationOverdueKeys: ruleCounts.get("key.rotation-overdue") ?? 0,
    revokedInUse: ruleCounts.get("cert.revoked-in-use") ?? 0,
    campaigns: campaigns.map((k) => {
      const stats = campaignStats.filter((g) => g.campaignId === k.id);
      const totalA = stats.reduce((n, g) => n + g._count._all, 0);
      const submitted = stats.filter((g) => g.status === "submitted").reduce((n, g) => n + g._count._all, 0);
      return {
        id: k.id,
        name: k.name,
        dueAt: k.dueAt.toISOString(),
        status: k.status,
        total: totalA,
        submitted,
        overdue: k.dueAt < now ? totalA - submitted : 0,
      };
    }),
    failedDeliveries: failed,
  };
}

// Whole-inventory aggregates scan every certificate and open finding (≈0.5 s at 250,000 on a
// busy 2-core machine), so the unscoped overview is cached per process and refreshed in the
// background once it is older than OVERVIEW_MAX_AGE_MS (stale-while-revalidate). The page says
// "Figures as of …". Owners' overviews are small and always computed fresh.
export const OVERVIEW_MAX_AGE_MS = 30_000;

type CacheEntry = { value: Overview; computedAt: number; refreshing?: Promise<Overview> };
const cache = new WeakMap<object, CacheEntry>();

export async function getOverview(
  db: DbOrTx,
  user: ScopeUser,
  now: Date,
  options: { maxAgeMs?: number } = {},
): Promise<Overview> {
  if (user.role === "owner") return computeOverview(db, user, now);
  const maxAge = options.maxAgeMs ?? OVERVIEW_MAX_AGE_MS;
  const entry = cache.get(db);
  if (!entry) {
    const value = await computeOverview(db, user, now);
    // an empty inventory is cheap to count and about to change (demo data, first import)
    if (value.certificates.total > 0 || value.signers.total > 0) cache.set(db, { value, computedAt: Date.now() });
    return value;
  }
  if (Date.now() - entry.computedAt > maxAge && !entry.refreshing) {
    entry.refreshing = computeOverview(db, user, new Date())
      .then((value) => {
        cache.set(db, { value, computedAt: Date.now() });
        return value;
      })
      .catch((error) => {
        entry.refreshing = undefined;
        console.error("[signet] overview refresh failed:", error);
        return entry.value;
      });
  }
  return entry.value;
}

/** After a change the user expects to see at once (a suppression, an import): recompute on next read. */
export function invalidateOverview(db: DbOrTx) {
  cache.delete(db);
}
